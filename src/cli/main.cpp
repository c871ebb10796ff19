// The seawarden program: subcommands register themselves (see command.h).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>
#include <vector>

#include "cli/command.h"

namespace seawarden::cli {
namespace {

std::vector<std::pair<int, Setup>>& registry() {
  static std::vector<std::pair<int, Setup>> r;
  return r;
}
int g_exit_code = kExitOk;

}  // namespace

Registrar::Registrar(int order, Setup setup) { registry().emplace_back(order, std::move(setup)); }
void set_exit_code(int code) { g_exit_code = code; }

}  // namespace seawarden::cli

int main(int argc, char** argv) {
  using namespace seawarden::cli;
  CLI::App app{
      "seawarden: finds sanctions evasion at sea and in the names behind it.\n"
      "Decodes AIS, rebuilds tracks, detects ship-to-ship transfers, dark periods and false\n"
      "identities, and screens names against the UN, US, EU and UK sanctions lists."};
  app.set_version_flag("--version", std::string("seawarden ") + SEAWARDEN_VERSION);
  app.require_subcommand(1);
  auto& reg = registry();
  std::stable_sort(reg.begin(), reg.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [order, setup] : reg) setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // app.exit prints the message (or the help); CLI11's own codes (105, 106, ...) differ by
    // error class, but a caller needs one: the command line was wrong.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seawarden: error: %s\n", e.what());
    return kExitFailure;
  }
  return g_exit_code;
}
