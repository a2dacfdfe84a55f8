// Where a job's scenes are finished (encoded, asked, reported) while its decoder moves on: work runs on threads of
// this pool, first come first served, at most `limit` pieces at once counting those waiting to start — so with a
// limit of 1 the scenes finish in order, one at a time, and the decoder is at most one scene ahead. Threads are made
// as needed and kept for the job; the destructor lets every piece given finish and joins them.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace autocut::analyze {

class FinishingThreads {
 public:
  FinishingThreads() = default;
  ~FinishingThreads();
  FinishingThreads(const FinishingThreads&) = delete;
  FinishingThreads& operator=(const FinishingThreads&) = delete;

  // Blocks while `limit` pieces are waiting or running, then hands `work` over.
  void run(std::function<void()> work, int limit);

 private:
  void serve();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> waiting_;
  int busy_ = 0;  // waiting or running
  int idle_ = 0;  // threads waiting for work
  bool closing_ = false;
  std::vector<std::jthread> threads_;
};

}  // namespace autocut::analyze
