// A min-priority queue whose heap can be saved and restored as it is (pipeline state): the
// same layout gives the same order among equal keys, so a continued run pops exactly what a
// single run would have.
#pragma once

#include <functional>
#include <queue>
#include <vector>

namespace seawarden::detect {

template <class T>
class MinQueue : public std::priority_queue<T, std::vector<T>, std::greater<T>> {
 public:
  const std::vector<T>& heap() const { return this->c; }
  void restore(std::vector<T> heap) {  // a heap() saved earlier (validated as a heap)
    if (!std::is_heap(heap.begin(), heap.end(), std::greater<T>{})) std::make_heap(heap.begin(), heap.end(), std::greater<T>{});
    this->c = std::move(heap);
  }
};

}  // namespace seawarden::detect
