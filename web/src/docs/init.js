// The reference is rendered from the service's own description; nothing is fetched from elsewhere (no validator).
window.addEventListener("load", () => {
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#api-reference",
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
