// A vector of trivially copyable values whose first N live inside the object: per-vessel
// lists that nearly always hold one or two items (a vessel's open zone visits) then cost no
// separate allocation, and reading them no second cache miss after the record's.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace seawarden::detect {

template <class T, std::size_t N>
class SmallVec {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }

  T& back() {
    assert(size_ > 0);
    return data()[size_ - 1];
  }
  const T& back() const {
    assert(size_ > 0);
    return data()[size_ - 1];
  }
  void pop_back() {
    assert(size_ > 0);
    if (size_ > N) {
      heap_.pop_back();
      if (--size_ == N) {  // back inside: the inline copy is stale since the spill
        std::copy(heap_.begin(), heap_.end(), inline_.begin());
        heap_.clear();
      }
      return;
    }
    --size_;
  }

  void clear() {
    size_ = 0;
    heap_.clear();
  }
  void push_back(const T& v) {
    if (size_ < N) {
      inline_[size_++] = v;
      return;
    }
    if (size_ == N) heap_.assign(inline_.begin(), inline_.end());  // spill: from now on, all on the heap
    heap_.push_back(v);
    ++size_;
  }
  template <class It>
  void assign(It first, It last) {
    clear();
    for (; first != last; ++first) push_back(*first);
  }

 private:
  T* data() { return size_ <= N ? inline_.data() : heap_.data(); }
  const T* data() const { return size_ <= N ? inline_.data() : heap_.data(); }

  std::size_t size_ = 0;  // first: with the first item, in the same line as what precedes
  std::array<T, N> inline_{};
  std::vector<T> heap_;  // all items once there are more than N
};

}  // namespace seawarden::detect
