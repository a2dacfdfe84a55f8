// The pool that finishes a job's scenes while its decoder moves on: how far ahead the decoder may run, how many
// scenes wait on a model at once, and that nothing given is lost.
#include "analyze/finishing_threads.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace autocut::analyze {
namespace {

using namespace std::chrono_literals;

// How many pieces run at once, at most.
class Overlap {
 public:
  void enter() {
    std::lock_guard lock(mutex_);
    most_ = std::max(most_, ++running_);
  }
  void leave() {
    std::lock_guard lock(mutex_);
    --running_;
  }
  int most() {
    std::lock_guard lock(mutex_);
    return most_;
  }
  // Until `count` have been running at once (or a few seconds, then the test fails on most()).
  void wait_for_overlap(int count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, 5s, [&] { return most_ >= count; });
  }
  void notify() { changed_.notify_all(); }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int running_ = 0;
  int most_ = 0;
};

TEST(FinishingThreads, WithALimitOfOneThePiecesRunInOrderOneAtATime) {
  std::mutex mutex;
  std::vector<int> order;
  Overlap overlap;
  {
    FinishingThreads pool;
    for (int i = 0; i < 6; ++i)
      pool.run(
          [&, i] {
            overlap.enter();
            std::this_thread::sleep_for(5ms);
            {
              std::lock_guard lock(mutex);
              order.push_back(i);
            }
            overlap.leave();
          },
          1);
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5})) << "the destructor waited for every piece";
  EXPECT_EQ(overlap.most(), 1);
}

TEST(FinishingThreads, RunReturnsWhileThePieceBeforeIsStillRunningButNotTwoAhead) {
  FinishingThreads pool;
  std::promise<void> release_first;
  auto first_may_end = release_first.get_future().share();
  std::atomic<bool> second_ran{false};
  pool.run([first_may_end] { first_may_end.wait(); }, 1);
  // The decoder's next scene: handing it over waits for the first to finish, so it is handed from another thread.
  auto handing = std::async(std::launch::async, [&] { pool.run([&] { second_ran = true; }, 1); });
  EXPECT_EQ(handing.wait_for(50ms), std::future_status::timeout) << "one piece at a time: the second waits its turn";
  release_first.set_value();
  handing.get();
  for (int i = 0; i < 200 && !second_ran; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(second_ran);
}

TEST(FinishingThreads, UpToTheLimitRunAtOnce) {
  Overlap overlap;
  {
    FinishingThreads pool;
    for (int i = 0; i < 9; ++i)
      pool.run(
          [&] {
            overlap.enter();
            overlap.notify();
            overlap.wait_for_overlap(3);  // not a timing guess: the first three meet here
            overlap.leave();
          },
          3);
  }
  EXPECT_EQ(overlap.most(), 3);
}

TEST(FinishingThreads, APieceThatThrowsLosesNeitherThePoolNorTheOthers) {
  std::atomic<int> done{0};
  {
    FinishingThreads pool;
    pool.run([] { throw std::runtime_error("out of memory, say"); }, 1);
    pool.run([&] { ++done; }, 1);
    pool.run([&] { ++done; }, 1);
  }
  EXPECT_EQ(done, 2);
}

}  // namespace
}  // namespace autocut::analyze
