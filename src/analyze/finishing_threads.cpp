#include "analyze/finishing_threads.hpp"

#include <algorithm>

namespace autocut::analyze {

FinishingThreads::~FinishingThreads() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  threads_.clear();  // joins, after each has emptied the queue
}

void FinishingThreads::run(std::function<void()> work, int limit) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return busy_ < std::max(1, limit); });
  ++busy_;
  waiting_.push_back(std::move(work));
  // Idle threads not yet woken may already be promised to earlier pieces.
  if (static_cast<int>(waiting_.size()) > idle_) threads_.emplace_back([this] { serve(); });
  changed_.notify_all();
}

void FinishingThreads::serve() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    changed_.wait(lock, [&] { return !waiting_.empty() || closing_; });
    --idle_;
    if (waiting_.empty()) return;  // closing, nothing left
    auto work = std::move(waiting_.front());
    waiting_.pop_front();
    lock.unlock();
    try {
      work();
    } catch (...) {
      // Lost for want of memory or the like; the job goes on with its other scenes rather than ending the process.
    }
    lock.lock();
    --busy_;
    changed_.notify_all();
  }
}

}  // namespace autocut::analyze
