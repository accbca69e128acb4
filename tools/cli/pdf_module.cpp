// CLI: loads the PDF module (xxgknb_pdf.so) with dlopen on the first PDF and forwards to the
// reader it installs. The module's code calls the core library inside this executable, which
// exports its symbols for it (ENABLE_EXPORTS in CMakeLists.txt).
#include "pdf_module.h"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include "ingest/ingest.h"

namespace xxgknb::cli {
namespace {

// The module's entry point: installs its reader with install_pdf_reader().
constexpr const char* kEntryPoint = "xxgknb_pdf_module_enable";

std::once_flag load_once;
std::string load_failure;   // why the module could not be loaded; written once, under load_once

// Where the module may be: beside the executable (the build tree) and in the installed
// library folder relative to it (XXGKNB_PDF_MODULE_FROM_BIN, set by CMake).
std::vector<std::filesystem::path> module_paths() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const std::filesystem::path dir = exe.parent_path();
  return {dir / "xxgknb_pdf.so", (dir / XXGKNB_PDF_MODULE_FROM_BIN).lexically_normal()};
}

Result<Document, Error> read_pdf_on_demand(std::string_view bytes, const Limits& limits,
                                           const Deadline& deadline);

void load_module() {
  std::string tried;
  const std::vector<std::filesystem::path> paths = module_paths();
  if (paths.empty()) load_failure = "cannot find this program's own path (/proc/self/exe)";
  for (const std::filesystem::path& path : paths) {
    // RTLD_NOW: a module that does not match this executable fails here, not mid-document.
    // The handle is kept for the life of the process.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      // dlerror() names the path itself: "PATH: cannot open shared object file: …".
      tried += (tried.empty() ? "" : "; ") + std::string(why ? why : path.string() + ": cannot load");
      continue;
    }
    auto* enable = reinterpret_cast<void (*)()>(dlsym(handle, kEntryPoint));
    if (enable == nullptr) {
      tried += (tried.empty() ? "" : "; ") + path.string() + ": no " + kEntryPoint;
      continue;
    }
    enable();
    if (installed_pdf_reader() != read_pdf_on_demand) return;
    tried += (tried.empty() ? "" : "; ") + path.string() + ": installed no reader";
  }
  if (load_failure.empty()) load_failure = tried;
}

Result<Document, Error> read_pdf_on_demand(std::string_view bytes, const Limits& limits,
                                           const Deadline& deadline) {
  std::call_once(load_once, load_module);
  const PdfReader reader = installed_pdf_reader();
  if (reader == read_pdf_on_demand || reader == nullptr) {
    return Error{"unsupported_format",
                 "the file is a PDF, and this installation's PDF support (xxgknb_pdf.so) cannot "
                 "be loaded: " + load_failure,
                 {}};
  }
  return reader(bytes, limits, deadline);
}

}  // namespace

void enable_pdf_on_demand() { install_pdf_reader(read_pdf_on_demand); }

}  // namespace xxgknb::cli
