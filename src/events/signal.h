// Signal<Args...>: connect callbacks, emit to all of them in connection order.
//
// Conventions: a signal is used from one thread (the main loop's); to emit from
// another thread, Post() a lambda that emits. A callback may disconnect itself or
// connect others while being called; changes apply from the next Emit.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace stackshot {

template <typename... Args>
class Signal {
 public:
  using Callback = std::function<void(Args...)>;
  using ConnectionId = uint64_t;

  ConnectionId Connect(Callback callback) {
    slots_.push_back({next_id_, std::move(callback)});
    return next_id_++;
  }

  void Disconnect(ConnectionId id) {
    std::erase_if(slots_, [id](const Slot& slot) { return slot.id == id; });
  }

  void DisconnectAll() { slots_.clear(); }
  size_t size() const { return slots_.size(); }

  void Emit(Args... args) const {
    const auto snapshot = slots_;  // callbacks may change the connections
    for (const auto& slot : snapshot) slot.callback(args...);
  }

 private:
  struct Slot {
    ConnectionId id;
    Callback callback;
  };
  std::vector<Slot> slots_;
  ConnectionId next_id_ = 1;
};

}  // namespace stackshot
