#include "sim/sanctions.h"

#include <fstream>
#include <stdexcept>
#include <string>

namespace seawarden::sim {
namespace {

// A CSV field as OFAC writes it: quoted text (quotes doubled), or the null "-0- ".
std::string field(const std::string& v) {
  if (v.empty()) return "-0- ";
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

void write_file(const std::filesystem::path& path, const std::string& body) {
  std::ofstream f(path, std::ios::binary);
  f << body << '\x1a';
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::vector<std::filesystem::path> write_sanctions(const std::vector<ListEntry>& entries,
                                                   const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::string sdn, alt, add;
  int alt_num = 70001, add_num = 60001;
  for (const auto& e : entries) {
    sdn += std::to_string(e.ent_num) + "," + field(e.name) + "," + field(e.type) + "," + field(e.program) + "," +
           field("") + "," + field(e.callsign) + "," + field(e.vessel_type) + "," + field(e.tonnage) + "," +
           field(e.grt) + "," + field(e.flag) + "," + field(e.owner) + "," + field(e.remarks) + "\r\n";
    for (const auto& a : e.aka)
      alt += std::to_string(e.ent_num) + "," + std::to_string(alt_num++) + "," + field(e.type == "vessel" ? "fka" : "aka") +
             "," + field(a) + "," + field("") + "\r\n";
    if (e.type != "vessel")
      add += std::to_string(e.ent_num) + "," + std::to_string(add_num++) + "," + field("") + "," +
             field("Pyongyang") + "," + field("Korea, North") + "," + field("") + "\r\n";
  }
  const std::filesystem::path a = dir / "sdn.csv", b = dir / "alt.csv", c = dir / "add.csv";
  write_file(a, sdn);
  write_file(b, alt);
  write_file(c, add);
  return {a, b, c};
}

}  // namespace seawarden::sim
