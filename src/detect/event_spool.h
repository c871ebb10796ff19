// Holds a run's events until they can be delivered in output order (start time, end time,
// kind, vessels), with memory bounded by a fixed number of events rather than by the length
// of the input. Events are kept in memory up to `memory_events`; beyond that the buffer is
// sorted and written to an anonymous temporary file as one sorted run, and drain() merges the
// runs. The merge gives exactly the order a stable sort of all events would (ties keep their
// arrival order) and the events come back bit for bit (binary times and positions, the
// evidence fields as CBOR), so spilling never changes the output.
//
// Why not release events as soon as nothing earlier can come: a zone visit, a loitering run or
// an open identity span may start days before it closes, so such a release would still have to
// hold everything behind it; a spill file is bounded whatever the detectors keep open.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "detect/event.h"

namespace seawarden::detect {

class EventSpool {
 public:
  // About 1 KB per event in memory: the default keeps ~30 MB before the first spill.
  static constexpr std::size_t kDefaultMemoryEvents = 32768;

  explicit EventSpool(std::size_t memory_events = kDefaultMemoryEvents);
  ~EventSpool();
  EventSpool(const EventSpool&) = delete;
  EventSpool& operator=(const EventSpool&) = delete;

  // Events kept in memory before the next spill (at least 1).
  void set_memory_events(std::size_t n) { memory_events_ = n ? n : 1; }
  void add(Event&& e);
  // Delivers every event added so far, in output order, then empties the spool.
  // Throws std::runtime_error when a spill file cannot be read back (disk failure).
  void drain(const std::function<void(const Event&)>& deliver);

  std::size_t size() const { return buffered_.size() + spilled_events_; }
  std::size_t runs_spilled() const { return runs_.size(); }
  // True when a spill file could not be written: the events stayed in memory instead.
  bool spill_failed() const { return spill_failed_; }

 private:
  struct Run {
    long offset = 0;  // first byte in the spill file
    std::size_t count = 0;
  };
  void spill();
  void sort_buffer();

  std::size_t memory_events_;
  std::vector<Event> buffered_;
  std::FILE* file_ = nullptr;  // anonymous (unlinked) temporary file, opened at the first spill
  std::vector<Run> runs_;
  std::size_t spilled_events_ = 0;
  bool spill_failed_ = false;
};

}  // namespace seawarden::detect
