// Ship and registration identifiers: validation and extraction from list remarks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "screen/entity.h"

namespace seawarden::screen {

// True for a 7-digit IMO ship number whose check digit is right
// (digits weighted 7..2, sum mod 10 = last digit). Accepts an optional "IMO" prefix.
bool valid_imo(std::string_view text);
// The 7 digits of an IMO number in text ("IMO 9187629", "9187629"), or empty.
std::string imo_digits(std::string_view text);
// True for a 9-digit MMSI whose first digit is 2..7 (ship stations).
bool plausible_mmsi(std::string_view text);
// Upper-case, without spaces, dashes and dots: how call signs are compared.
std::string canonical_call_sign(std::string_view text);

// Pulls IMO / MMSI / call sign numbers out of free text such as OFAC remarks
// ("Vessel Registration Identification IMO 9187629; MMSI 572469210").
// `company_context` marks IMO numbers of companies (UN: "IMO number: 5571322" on an entity).
void extract_identifiers(std::string_view text, std::vector<Identifier>& out, bool company_context);

}  // namespace seawarden::screen
