// Vectors whose new elements are left as allocated, for large arrays that
// are written whole right after they are sized: a std::vector zeroes them
// first, one thread writing every byte (and taking every page fault) before
// the parallel pass that overwrites them.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace doppel::util {

// An allocator whose value-initialising construct() does nothing for
// types that can be brought to life by storage alone (trivially copyable
// on construction and destruction: std::pair of integers, say); every
// other construction is as std::allocator's.
template <typename T>
class UninitializedAllocator : public std::allocator<T> {
 public:
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}

  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    if constexpr (!(std::is_trivially_copy_constructible_v<U> &&
                    std::is_trivially_destructible_v<U>)) {
      ::new (static_cast<void*>(p)) U();
    }
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A vector that resize() leaves unwritten (see UninitializedAllocator).
template <typename T>
using UninitializedVector = std::vector<T, UninitializedAllocator<T>>;

}  // namespace doppel::util
