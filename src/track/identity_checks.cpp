#include "track/identity_checks.h"

#include "track/mid_table.h"

namespace seawarden::track {

bool imo_check_digit_ok(std::uint32_t imo) {
  if (imo < 1000000 || imo > 9999999) return false;
  unsigned digits[7];
  std::uint32_t v = imo;
  for (int i = 6; i >= 0; --i) {
    digits[i] = v % 10;
    v /= 10;
  }
  unsigned sum = 0;
  for (int i = 0; i < 6; ++i) sum += digits[i] * static_cast<unsigned>(7 - i);
  return sum % 10 == digits[6];
}

MmsiForm mmsi_form(std::uint32_t mmsi) {
  if (mmsi >= 1000000000u) return MmsiForm::Other;
  if (mmsi < 100000000u) {
    if (mmsi >= 2000000 && mmsi <= 7999999) return MmsiForm::CoastStation;
    if (mmsi >= 20000000 && mmsi <= 79999999) return MmsiForm::Group;
    return MmsiForm::Other;
  }
  unsigned first = mmsi / 100000000u;
  if (first >= 2 && first <= 7) return MmsiForm::Ship;
  if (first == 8) return MmsiForm::Handheld;
  unsigned first3 = mmsi / 1000000u;
  if (first3 == 111) return MmsiForm::SarAircraft;
  if (first3 == 970) return MmsiForm::Sart;
  if (first3 == 972) return MmsiForm::Mob;
  if (first3 == 974) return MmsiForm::Epirb;
  unsigned first2 = mmsi / 10000000u;
  if (first2 == 98) return MmsiForm::Auxiliary;
  if (first2 == 99) return MmsiForm::AidToNavigation;
  return MmsiForm::Other;
}

unsigned mmsi_mid(std::uint32_t mmsi) {
  switch (mmsi_form(mmsi)) {
    case MmsiForm::Ship: return mmsi / 1000000u;
    case MmsiForm::Group: return mmsi / 100000u;
    case MmsiForm::CoastStation: return mmsi / 10000u;
    case MmsiForm::SarAircraft: return (mmsi / 1000u) % 1000u;
    case MmsiForm::Handheld: return (mmsi / 100000u) % 1000u;
    case MmsiForm::Auxiliary:
    case MmsiForm::AidToNavigation: return (mmsi / 10000u) % 1000u;
    default: return 0;
  }
}

bool is_default_mmsi(std::uint32_t mmsi) {
  if (mmsi == 0 || mmsi == 123456789u || mmsi == 987654321u) return true;
  if (mmsi >= 111111111u && mmsi <= 999999999u && mmsi % 111111111u == 0) return true;
  if (mmsi < 100000000u) {
    MmsiForm f = mmsi_form(mmsi);
    return f != MmsiForm::CoastStation && f != MmsiForm::Group;
  }
  return false;
}

bool has_unallocated_mid(std::uint32_t mmsi) {
  if (is_default_mmsi(mmsi)) return false;
  switch (mmsi_form(mmsi)) {
    case MmsiForm::Sart:
    case MmsiForm::Mob:
    case MmsiForm::Epirb: return false;
    case MmsiForm::Other: return true;  // nine digits but no MID-carrying form
    default: return !mid_allocated(mmsi_mid(mmsi));
  }
}

std::string_view mmsi_flag(std::uint32_t mmsi) {
  unsigned mid = mmsi_mid(mmsi);
  return mid ? lookup_mid(mid).iso2 : std::string_view{};
}

}  // namespace seawarden::track
