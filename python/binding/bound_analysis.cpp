// analyze_scenes_auto's engine: one analysis job run by the worker process exactly as `autocut analyze` runs it
// (FFmpeg never enters the Python process), its attempts judged by the service's monitor. The caller's thread
// waits with the GIL released, hands each finished scene to on_scene, and turns Ctrl-C into a cancel that keeps
// the scenes already done.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "analysis_jobs/analysis_job.hpp"
#include "analysis_jobs/analysis_request.hpp"
#include "bindings.hpp"
#include "bound_service.hpp"
#include "cli/analysis_worker.hpp"
#include "core/time_text.hpp"
#include "json_to_python.hpp"
#include "monitor/sample_text.hpp"
#include "service/analysis_queue.hpp"

namespace autocut::python {
namespace {

using namespace pybind11::literals;
using json = nlohmann::ordered_json;

analysis_jobs::AnalysisRequest request_for(const std::filesystem::path& video, const std::optional<std::string>& scenes,
                                           const std::optional<std::string>& backend) {
  analysis_jobs::AnalysisRequest request;
  request.video = video;
  if (const auto problem = analysis_jobs::check_video_path(video); !problem.empty()) throw py::value_error(problem);
  if (scenes) {
    std::string error;
    analysis_jobs::read_scenes_text(*scenes, request, error);
    if (!error.empty()) throw py::value_error("scenes_data: " + error);
  }
  if (backend) {
    request.backend = analysis_jobs::vision_backend_named(*backend);
    if (!request.backend)
      throw py::value_error(std::string("backend must be ") + analysis_jobs::kVisionBackendNames + " (got \"" +
                            backend->substr(0, 40) + "\")");
  }
  return request;
}

// Without following the policy, the plan the job starts with is the plan it keeps.
void keep_first_plan(analysis_jobs::WorkerSetup& setup) {
  setup.plan = [ask = setup.plan, first = std::optional<policy::VisionPlan>()]() mutable {
    if (!first) first = ask();
    return *first;
  };
}

// The events of the service's monitor since `since` (an ISO time, as the events write theirs).
json events_since(service::RuntimeService& service, const std::string& since) {
  auto events = json::array();
  const auto all = service.events();
  for (const auto& event : all["events"])
    if (event.value("time", std::string()) >= since) events.push_back(event);
  return events;
}

// Returns (result document, exception raised while waiting or None): the job always runs to its end first.
py::tuple analyze(Service& service, const std::filesystem::path& video, const std::optional<std::string>& scenes,
                  const std::optional<std::filesystem::path>& program, const std::optional<std::string>& backend,
                  bool follow_policy, py::object on_scene) {
  static std::atomic<int> jobs{0};
  auto request = request_for(video, scenes, backend);
  std::string error;
  const auto worker = program ? program : cli::analysis_worker_program(service.configuration().settings, error);
  if (!worker) throw std::runtime_error(error);

  const service::AnalysisLaunch launch{*worker, cli::analysis_worker_environment(service.configuration().settings)};
  auto setup = service::service_worker_setup(service.runtime(), launch, request.backend);
  if (!follow_policy) keep_first_plan(setup);

  std::mutex mutex;
  std::condition_variable changed;
  bool finished = false;
  std::uint64_t progress = 0;
  setup.on_progress = [&] {
    std::lock_guard lock(mutex);
    ++progress;
    changed.notify_all();
  };
  analysis_jobs::AnalysisJob job("python-" + std::to_string(++jobs), std::move(request));
  const auto started = core::format_time(std::chrono::system_clock::now(), "%Y-%m-%dT%H:%M:%SZ", true);

  std::thread runner([&] {
    job.run(setup);
    std::lock_guard lock(mutex);
    finished = true;
    changed.notify_all();
  });

  py::object raised = py::none();
  std::set<int> told;
  std::uint64_t seen = 0;
  for (bool done = false; !done;) {
    {
      py::gil_scoped_release released;
      std::unique_lock lock(mutex);
      changed.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished || progress != seen; });
      seen = progress;
      done = finished;
    }
    try {
      if (raised.is_none() && PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (raised.is_none() && !on_scene.is_none()) {
        json document;
        {
          py::gil_scoped_release released;
          document = job.to_json(true);
        }
        for (const auto& scene : document["scenes"])
          if (told.insert(scene.value("index", -1)).second) on_scene(to_python(scene));
      }
    } catch (py::error_already_set& failure) {
      // Ctrl-C or a failing on_scene: the job stops asking for more and keeps what it has.
      raised = failure.value();
      job.cancel();
    }
  }
  {
    py::gil_scoped_release released;
    runner.join();
  }
  auto document = job.to_json(true);
  document["events"] = events_since(service.runtime(), started);
  return py::make_tuple(to_python(document), raised);
}

}  // namespace

void bind_analysis(py::module_& module) {
  module.def("analyze", &analyze, "service"_a, "video"_a, "scenes"_a = py::none(), "program"_a = py::none(),
             "backend"_a = py::none(), "follow_policy"_a = true, "on_scene"_a = py::none(),
             "Runs one analysis job to its end; returns (result, exception raised while it ran, or None).");
}

}  // namespace autocut::python
