#include "api/web_assets.hpp"

// Each asset is included byte for byte by the assembler (.incbin) from the directory the build assembled
// (AUTOCUT_WEB_ASSETS): no generated megabyte-long source, and the bytes live in read-only data. The object format
// names that section and hides a symbol in its own words: ELF's .rodata, .hidden and a section stack; PE/COFF's
// .rdata, no stack (back to .text, where the compiler's file-scope output is), and no symbol exported anyway.
#if defined(_WIN32)
#define AUTOCUT_ASSET_SECTION ".section .rdata,\"dr\"\n"
#define AUTOCUT_ASSET_HIDDEN(symbol) ""
#define AUTOCUT_ASSET_SECTION_END ".text\n"
#else
#define AUTOCUT_ASSET_SECTION ".pushsection .rodata\n"
#define AUTOCUT_ASSET_HIDDEN(symbol) ".hidden " #symbol "_start\n.hidden " #symbol "_end\n"
#define AUTOCUT_ASSET_SECTION_END ".popsection\n"
#endif
#define AUTOCUT_EMBED(symbol, file)                                                                                   \
  asm(AUTOCUT_ASSET_SECTION ".balign 16\n" AUTOCUT_ASSET_HIDDEN(symbol) #symbol                                       \
      "_start:\n.incbin \"" AUTOCUT_WEB_ASSETS "/" file "\"\n" #symbol "_end:\n.byte 0\n" AUTOCUT_ASSET_SECTION_END); \
  extern "C" const char symbol##_start[];                                                                             \
  extern "C" const char symbol##_end[];

AUTOCUT_EMBED(autocut_dashboard_index, "index.html")
AUTOCUT_EMBED(autocut_dashboard_js, "app.js")
AUTOCUT_EMBED(autocut_dashboard_css, "app.css")
AUTOCUT_EMBED(autocut_docs_index, "docs/index.html")
AUTOCUT_EMBED(autocut_docs_init, "docs/init.js")
AUTOCUT_EMBED(autocut_docs_bundle, "docs/swagger-ui-bundle.js")
AUTOCUT_EMBED(autocut_docs_css, "docs/swagger-ui.css")

namespace autocut::api {
namespace {

struct Entry {
  std::string_view path;
  std::string_view content_type;
  const char* start;
  const char* end;
};

const Entry kEntries[] = {
    {"/", "text/html; charset=utf-8", autocut_dashboard_index_start, autocut_dashboard_index_end},
    {"/app.js", "text/javascript; charset=utf-8", autocut_dashboard_js_start, autocut_dashboard_js_end},
    {"/app.css", "text/css; charset=utf-8", autocut_dashboard_css_start, autocut_dashboard_css_end},
    {"/docs", "text/html; charset=utf-8", autocut_docs_index_start, autocut_docs_index_end},
    {"/docs/init.js", "text/javascript; charset=utf-8", autocut_docs_init_start, autocut_docs_init_end},
    {"/docs/swagger-ui-bundle.js", "text/javascript; charset=utf-8", autocut_docs_bundle_start,
     autocut_docs_bundle_end},
    {"/docs/swagger-ui.css", "text/css; charset=utf-8", autocut_docs_css_start, autocut_docs_css_end},
};

}  // namespace

std::optional<WebAsset> find_web_asset(std::string_view path) {
  if (path == "/docs/" || path == "/docs/index.html") path = "/docs";
  if (path == "/index.html") path = "/";
  for (const auto& entry : kEntries)
    if (entry.path == path)
      return WebAsset{entry.content_type,
                      std::string_view(entry.start, static_cast<std::size_t>(entry.end - entry.start))};
  return std::nullopt;
}

}  // namespace autocut::api
