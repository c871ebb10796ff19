// SmallVec: the first N items inline, then all on the heap; popping back below the bound must
// bring the items (as changed while on the heap) back inline.
#include <vector>

#include <gtest/gtest.h>

#include "detect/small_vec.h"

using seawarden::detect::SmallVec;

namespace {

std::vector<int> items(const SmallVec<int, 2>& v) { return {v.begin(), v.end()}; }

}  // namespace

TEST(SmallVec, GrowsPastTheInlineBoundAndBack) {
  SmallVec<int, 2> v;
  EXPECT_TRUE(v.empty());
  for (int i = 1; i <= 4; ++i) v.push_back(i);
  EXPECT_EQ(items(v), (std::vector<int>{1, 2, 3, 4}));
  v[0] = 10;  // changed while on the heap
  v.back() = 40;
  EXPECT_EQ(items(v), (std::vector<int>{10, 2, 3, 40}));
  v.pop_back();
  v.pop_back();  // back to the inline bound: the changed first item must come along
  EXPECT_EQ(items(v), (std::vector<int>{10, 2}));
  EXPECT_EQ(v.back(), 2);
  v.pop_back();
  v.push_back(7);
  v.push_back(8);
  EXPECT_EQ(items(v), (std::vector<int>{10, 7, 8}));
  v.clear();
  EXPECT_TRUE(v.empty());
  const std::vector<int> list{5, 6, 7};
  v.assign(list.begin(), list.end());
  EXPECT_EQ(items(v), list);
}
