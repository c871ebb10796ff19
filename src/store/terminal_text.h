// Text from outside (zone files, sanctions lists, broadcast names, a store) made safe to print
// on a terminal, and the UTF-8 check the exports share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace seawarden::store {

// Length of the well-formed UTF-8 sequence starting at s[i] (1 for ASCII), 0 when the bytes
// there are not one (ais::utf8_sequence_length, which the decoder's JSON writer uses too).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// `s` with everything a terminal would take as a command shown as a visible escape: C0 controls
// (newline and tab too) and DEL as "\x1b", C1 controls as "\u009b" when UTF-8 encoded, and every
// byte that is not part of well-formed UTF-8 (a raw 0x9b among them) as "\xff". Other UTF-8
// (accented Latin, Korean, Chinese...) is kept as it is.
std::string terminal_safe(std::string_view s);

}  // namespace seawarden::store
