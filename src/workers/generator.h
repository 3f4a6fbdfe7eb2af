// Generator<Y, R, S>: a C++20 coroutine that behaves like a Python generator, the
// body of a GeneratorWorker.
//
//   Generator<double, std::string> Multiplier() {
//     double total = 1;
//     for (;;) {
//       std::optional<double> sent = co_yield total;  // what Send() wrote, or empty
//       total *= sent.value_or(1);
//       if (total == 0) co_return "Game Over!";
//     }
//   }
//
// Conventions:
// - Lazy: calling the function runs nothing; the first Next() runs the body up to
//   its first co_yield (or its end).
// - Y is what co_yield produces, R what co_return gives (void allowed), S what can
//   be sent in (default Y). `co_yield v` evaluates to std::optional<S>: the value
//   passed to the Next() that resumed it, empty when none was.
// - An exception escaping the body is rethrown by the Next() that ran it; the
//   generator is done afterwards. co_await is not allowed in a generator.
// - Not thread-safe: one thread drives it at a time (a worker's thread).
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace stackshot {

namespace generator_detail {

template <typename R>
struct ReturnSlot {
  std::optional<R> result;
  void return_value(R value) { result.emplace(std::move(value)); }
};

template <>
struct ReturnSlot<void> {
  void return_void() {}
};

}  // namespace generator_detail

template <typename Y, typename R = void, typename S = Y>
class Generator {
  static_assert(!std::is_void_v<Y> && !std::is_reference_v<Y>, "a generator yields values");
  static_assert(!std::is_void_v<S> && !std::is_reference_v<S>, "a generator is sent values");

 public:
  using yield_type = Y;
  using return_type = R;
  using send_type = S;

  struct promise_type : generator_detail::ReturnSlot<R> {
    std::optional<Y> current;
    std::optional<S> incoming;
    std::exception_ptr error;

    struct YieldAwaiter {
      promise_type& promise;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) const noexcept {}
      std::optional<S> await_resume() { return std::exchange(promise.incoming, std::nullopt); }
    };

    Generator get_return_object() { return Generator(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { error = std::current_exception(); }
    YieldAwaiter yield_value(Y value) {
      current.emplace(std::move(value));
      return YieldAwaiter{*this};
    }
    // A generator only yields; co_yield does not go through await_transform.
    template <typename U>
    void await_transform(U&&) = delete;
  };

  Generator() = default;
  Generator(Generator&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Generator& operator=(Generator&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;
  ~Generator() {
    if (handle_) handle_.destroy();
  }

  // Runs the body to its next co_yield (returns true; value() holds what it
  // yielded) or to its end (returns false; TakeResult() holds what it returned).
  // `sent` becomes the value of the co_yield being resumed. Call only while !done().
  bool Next(std::optional<S> sent = std::nullopt) {
    promise_type& promise = handle_.promise();
    promise.incoming = std::move(sent);
    promise.current.reset();
    handle_.resume();
    if (promise.error) std::rethrow_exception(std::exchange(promise.error, nullptr));
    return !handle_.done();
  }

  bool done() const { return !handle_ || handle_.done(); }
  Y& value() { return *handle_.promise().current; }
  Y TakeValue() { return std::move(*handle_.promise().current); }

  template <typename T = R>
    requires(!std::is_void_v<T>)
  T TakeResult() {
    return std::move(*handle_.promise().result);
  }

 private:
  explicit Generator(std::coroutine_handle<promise_type> handle) : handle_(handle) {}

  std::coroutine_handle<promise_type> handle_;
};

template <typename T>
struct IsGenerator : std::false_type {};
template <typename Y, typename R, typename S>
struct IsGenerator<Generator<Y, R, S>> : std::true_type {};

}  // namespace stackshot
