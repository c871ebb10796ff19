// Renders the report index and a case page in headless Chromium and checks from the
// pixels that the map (sea, land, both tracks) and the charts are really drawn.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "report/png.h"
#include "report/report.h"
#include "report/coastline.h"
#include "report/report_fixture.h"
#include "store/open.h"

namespace seawarden::report {
namespace {

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return name;
  }
  return {};
}

// Screenshot of a local file; false when Chromium failed.
bool screenshot(const std::string& chromium, const std::filesystem::path& html, const std::filesystem::path& png,
                int width, int height) {
  auto profile = png.parent_path() / ("profile-" + png.stem().string());
  std::string cmd = chromium +
                    " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                    "--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars "
                    "--user-data-dir=" + profile.string() + " --screenshot=" + png.string() + " --window-size=" +
                    std::to_string(width) + "," + std::to_string(height) + " file://" + html.string() +
                    " >/dev/null 2>&1";
  bool ok = std::system(cmd.c_str()) == 0 && std::filesystem::exists(png);
  // Keep the screenshots for a look when asked (e.g. SEAWARDEN_KEEP_SCREENSHOTS=/tmp/shots).
  if (const char* keep = std::getenv("SEAWARDEN_KEEP_SCREENSHOTS"); ok && keep && *keep) {
    std::filesystem::create_directories(keep);
    std::filesystem::copy_file(png, std::filesystem::path(keep) / png.filename(),
                               std::filesystem::copy_options::overwrite_existing);
  }
  return ok;
}

// Pixels within a small colour distance of (r, g, b).
std::size_t count_near(const testing::Image& img, int r, int g, int b, int tolerance = 24) {
  std::size_t n = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const auto* p = img.at(x, y);
      if (std::abs(p[0] - r) + std::abs(p[1] - g) + std::abs(p[2] - b) <= tolerance) ++n;
    }
  return n;
}

class ReportInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium = find_chromium();
    if (chromium.empty()) GTEST_SKIP() << "chromium not installed (scripts/install-deps.sh installs it)";
  }
  std::string chromium;
};

TEST_F(ReportInChromium, CasePageMapAndChartsAreDrawn) {
  testing::ReportFixture fx;
  auto db = store::open_store_for_reading(fx.db_path);
  ReportOptions o;
  o.out_dir = (fx.dir / "out").string();
  o.all = true;
  write_reports(*db, o);
  auto png = fx.dir / "case.png";
  ASSERT_TRUE(screenshot(chromium, fx.dir / "out" / case_file(fx.encounter_id), png, 1200, 1500));
  auto img = testing::read_png(png.string());
  ASSERT_EQ(img.width, 1200);
  const double total = static_cast<double>(img.width) * img.height;
  const auto sea = count_near(img, 0xdb, 0xe9, 0xf4, 10);
  const auto land = count_near(img, 0xf2, 0xef, 0xe6, 8);
  const auto red_track = count_near(img, 0xd6, 0x27, 0x28, 40);
  const auto blue_track = count_near(img, 0x1f, 0x77, 0xb4, 40);
  const auto shaded_span = count_near(img, 0xfc, 0xe2, 0xdd, 12);
  RecordProperty("sea", static_cast<int>(sea));
  RecordProperty("land", static_cast<int>(land));
  EXPECT_GT(sea / total, 0.05) << "map sea not drawn";
  if (coastline_available()) {
    EXPECT_GT(land / total, 0.005) << "no land on a map of the Korean coast";
  }
  EXPECT_GT(red_track, 300u) << "first vessel's track not drawn";
  EXPECT_GT(blue_track, 300u) << "second vessel's track not drawn";
  EXPECT_GT(shaded_span, 2000u) << "timeline (shaded event span) not drawn";
}

TEST_F(ReportInChromium, IndexSummaryChartIsDrawn) {
  testing::ReportFixture fx;
  auto db = store::open_store_for_reading(fx.db_path);
  ReportOptions o;
  o.out_dir = (fx.dir / "out").string();
  o.all = true;
  auto r = write_reports(*db, o);
  auto png = fx.dir / "index.png";
  ASSERT_TRUE(screenshot(chromium, r.index_path, png, 1200, 900));
  auto img = testing::read_png(png.string());
  const auto bars = count_near(img, 0x2c, 0x6f, 0xa8, 12);
  const auto header = count_near(img, 0x0f, 0x2a, 0x44, 12);
  EXPECT_GT(bars, 1500u) << "findings-by-kind bars not drawn";
  EXPECT_GT(header, 20000u) << "page header not drawn";
  // Not blank: many distinct colours.
  std::size_t non_white = img.rgb.size() / 3 - count_near(img, 255, 255, 255, 0);
  EXPECT_GT(non_white, img.rgb.size() / 3 / 4);
}

}  // namespace
}  // namespace seawarden::report
