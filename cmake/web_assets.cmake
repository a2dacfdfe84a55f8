# The web assets (dashboard and API docs), assembled by npm from web/ into the build tree and embedded byte for byte
# by the source file given (api/web_assets.cpp) — the same for every platform's build.
find_program(NPM npm REQUIRED)

function(autocut_embed_web_assets embedding_source)
  set(web_source ${PROJECT_SOURCE_DIR}/web)
  set(web_assets ${CMAKE_BINARY_DIR}/web)
  set(web_files index.html app.js app.css docs/index.html docs/init.js docs/swagger-ui-bundle.js docs/swagger-ui.css)
  list(TRANSFORM web_files PREPEND ${web_assets}/ OUTPUT_VARIABLE web_outputs)
  file(GLOB_RECURSE web_inputs CONFIGURE_DEPENDS ${web_source}/src/*)
  add_custom_command(
    OUTPUT ${web_outputs}
    COMMAND ${NPM} ci --no-audit --no-fund --loglevel=error
    COMMAND ${NPM} run --silent build -- ${web_assets}
    WORKING_DIRECTORY ${web_source}
    DEPENDS ${web_source}/package.json ${web_source}/package-lock.json ${web_source}/build.mjs ${web_inputs}
    COMMENT "Building the web assets with npm"
    VERBATIM)
  set_source_files_properties(${embedding_source} PROPERTIES
    OBJECT_DEPENDS "${web_outputs}"
    COMPILE_DEFINITIONS AUTOCUT_WEB_ASSETS="${web_assets}")
endfunction()
