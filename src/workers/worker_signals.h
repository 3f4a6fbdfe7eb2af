// The signals of a worker, reachable by name, and the callbacks a `connect` map
// attaches to them.
//
// Conventions:
// - A worker signal carries zero or one value. Typed access
//   (worker->signals().yielded.Connect(...)) takes any callable, generic lambdas
//   included. By name (Connect("yielded", cb), a `connect` map) a callback takes no
//   argument (allowed on every signal, the value is dropped, as in Qt) or exactly
//   the signal's value type, by value or const reference; anything else, and an
//   unknown name, fails with a message naming what was expected.
// - Connect before Start(), or on the thread the signals are delivered on.
// - To add signals, derive from the signals type of the worker you extend and
//   Register() each new signal in the constructor (see docs/workers.md).
#pragma once

#include <exception>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include "events/signal.h"
#include "nd/status.h"

namespace stackshot {

namespace worker_detail {

// The parameter types of a callable with one non-template call operator, a
// function or a function pointer.
template <typename M>
struct MemberArgs {};
template <typename C, typename Ret, typename... A>
struct MemberArgs<Ret (C::*)(A...)> {
  using type = std::tuple<A...>;
};
template <typename C, typename Ret, typename... A>
struct MemberArgs<Ret (C::*)(A...) const> {
  using type = std::tuple<A...>;
};
template <typename C, typename Ret, typename... A>
struct MemberArgs<Ret (C::*)(A...) noexcept> {
  using type = std::tuple<A...>;
};
template <typename C, typename Ret, typename... A>
struct MemberArgs<Ret (C::*)(A...) const noexcept> {
  using type = std::tuple<A...>;
};

template <typename T, typename = void>
struct CallableArgs {};
template <typename T>
struct CallableArgs<T, std::void_t<decltype(&T::operator())>> : MemberArgs<decltype(&T::operator())> {};
template <typename Ret, typename... A>
struct CallableArgs<Ret (*)(A...), void> {
  using type = std::tuple<A...>;
};
template <typename Ret, typename... A>
struct CallableArgs<Ret (*)(A...) noexcept, void> {
  using type = std::tuple<A...>;
};

template <typename F>
using ArgsOf = typename CallableArgs<std::decay_t<F>>::type;

// A parameter a payload can be passed to: a value or a const reference.
template <typename A>
constexpr bool kTakesPayload = !std::is_lvalue_reference_v<A> || std::is_const_v<std::remove_reference_t<A>>;

std::string TypeName(std::type_index type);

}  // namespace worker_detail

// A callable with no parameter or one, type-erased for by-name connection.
template <typename F>
concept WorkerCallable = requires { typename worker_detail::ArgsOf<F>; } &&
                         (std::tuple_size_v<worker_detail::ArgsOf<F>> <= 1);

class WorkerCallback {
 public:
  template <typename F>
    requires WorkerCallable<F> && (!std::is_same_v<std::decay_t<F>, WorkerCallback>)
  WorkerCallback(F f)  // NOLINT: implicit, so that a lambda can stand for it
      : type_(typeid(void)) {
    using Args = worker_detail::ArgsOf<F>;
    if constexpr (std::tuple_size_v<Args> == 0) {
      arity_ = 0;
      call_ = [f = std::move(f)](const void*) mutable { f(); };
    } else {
      using A = std::tuple_element_t<0, Args>;
      static_assert(worker_detail::kTakesPayload<A>, "a worker callback takes its value by value or const reference");
      using T = std::decay_t<A>;
      arity_ = 1;
      type_ = typeid(T);
      call_ = [f = std::move(f)](const void* value) mutable { f(*static_cast<const T*>(value)); };
    }
  }

  int arity() const { return arity_; }
  std::type_index argument_type() const { return type_; }
  // `value` points at the signal's value (nullptr for a signal without one).
  void Call(const void* value) const { call_(value); }

 private:
  int arity_ = 0;
  std::type_index type_;
  std::function<void(const void*)> call_;
};

// One callback or a list of them: a value of a `connect` map.
class WorkerCallbacks {
 public:
  template <typename F>
    requires WorkerCallable<F> && (!std::is_same_v<std::decay_t<F>, WorkerCallbacks>)
  WorkerCallbacks(F f) : list_{WorkerCallback(std::move(f))} {}  // NOLINT: implicit
  WorkerCallbacks(WorkerCallback callback) : list_{std::move(callback)} {}  // NOLINT: implicit
  WorkerCallbacks(std::initializer_list<WorkerCallback> list) : list_(list) {}

  const std::vector<WorkerCallback>& list() const { return list_; }

 private:
  std::vector<WorkerCallback> list_;
};

// Signal<> for void, else Signal<const T&>: a value is emitted without copies.
template <typename T>
struct SignalOfImpl {
  using type = Signal<const T&>;
};
template <>
struct SignalOfImpl<void> {
  using type = Signal<>;
};
template <typename T>
using SignalOf = typename SignalOfImpl<T>::type;

// Every worker has these: started, finished, errored, warned.
class WorkerSignals {
 public:
  WorkerSignals();
  virtual ~WorkerSignals();
  WorkerSignals(const WorkerSignals&) = delete;
  WorkerSignals& operator=(const WorkerSignals&) = delete;

  Signal<> started;
  Signal<> finished;
  Signal<std::exception_ptr> errored;
  Signal<const std::string&> warned;

  // Connects `callback` to the signal called `name`.
  Status Connect(const std::string& name, const WorkerCallback& callback);
  bool Has(const std::string& name) const { return binders_.count(name) != 0; }
  std::vector<std::string> names() const;

 protected:
  // Makes `signal` (a member of the derived signals type) reachable by `name`.
  template <typename... Args>
  void Register(const std::string& name, Signal<Args...>& signal) {
    static_assert(sizeof...(Args) <= 1, "a worker signal carries at most one value");
    binders_[name] = [&signal, name](const WorkerCallback& callback) -> Status {
      if constexpr (sizeof...(Args) == 0) {
        if (callback.arity() != 0) {
          return InvalidArgumentError("signal '" + name + "' carries no value but the callback takes one");
        }
        signal.Connect([callback] { callback.Call(nullptr); });
      } else {
        using T = std::decay_t<std::tuple_element_t<0, std::tuple<Args...>>>;
        if (callback.arity() == 0) {
          signal.Connect([callback](const T&) { callback.Call(nullptr); });
        } else if (callback.argument_type() != std::type_index(typeid(T))) {
          return InvalidArgumentError("signal '" + name + "' carries " + worker_detail::TypeName(typeid(T)) +
                                      " but the callback takes " + worker_detail::TypeName(callback.argument_type()));
        } else {
          signal.Connect([callback](const T& value) { callback.Call(&value); });
        }
      }
      return Status::Ok();
    };
  }

 private:
  std::map<std::string, std::function<Status(const WorkerCallback&)>> binders_;
};

// A function worker's: the base ones and returned(R).
template <typename R>
class FunctionSignals : public WorkerSignals {
 public:
  FunctionSignals() { Register("returned", returned); }
  SignalOf<R> returned;
};

// A generator worker's: also yielded(Y), paused, resumed, aborted.
template <typename Y, typename R>
class GeneratorSignals : public FunctionSignals<R> {
 public:
  GeneratorSignals() {
    this->Register("yielded", yielded);
    this->Register("paused", paused);
    this->Register("resumed", resumed);
    this->Register("aborted", aborted);
  }
  SignalOf<Y> yielded;
  Signal<> paused;
  Signal<> resumed;
  Signal<> aborted;
};

}  // namespace stackshot
