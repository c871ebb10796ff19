// Subcommand registration: each src/cli/<name>.cpp registers itself with a static
// Registrar, so adding a subcommand never touches main.cpp.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace seawarden::cli {

// Adds one subcommand to the program. The subcommand's callback stores the process
// exit status with set_exit_code().
using Setup = std::function<void(CLI::App& app)>;

struct Registrar {
  Registrar(int order, Setup setup);
};

void set_exit_code(int code);

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;    // an input could not be read or a run failed
inline constexpr int kExitUsage = 2;      // bad command line (any CLI11 parse error)

}  // namespace seawarden::cli
