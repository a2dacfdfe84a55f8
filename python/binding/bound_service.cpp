// RuntimeMonitor's engine: the service with its monitor, the transitions told to Python callables, and every
// request of the HTTP API answered by the same handler `autocut serve` uses.
#include "bound_service.hpp"

#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <cctype>
#include <nlohmann/json.hpp>

#include "api/routes.hpp"
#include "api/url_decoding.hpp"
#include "cli/detection_flags.hpp"
#include "cli/policy_command.hpp"
#include "cli/process_settings.hpp"
#include "json_to_python.hpp"
#include "monitor/machine_sampler.hpp"
#include "monitor/monitor_config.hpp"
#include "monitor/sample_text.hpp"
#include "profile/profile_store.hpp"

namespace autocut::python {
namespace {

using namespace pybind11::literals;

bool complete(const core::RuntimeProfile& profile) {
  for (const auto& probe : profile.facts.probes)
    if (probe.state == core::ProbeState::pending) return false;
  return true;
}

service::ServiceSetup setup_for(const Profile& profile, const std::shared_ptr<Configuration>& configuration,
                                std::optional<double> interval_s,
                                const std::optional<std::filesystem::path>& state_dir) {
  const auto& settings = configuration->settings;
  std::vector<std::string> errors;
  auto monitor = monitor::configured_monitor(settings.monitor, errors);
  if (!errors.empty()) throw ConfigFailure(errors.front());
  if (interval_s) {
    if (!(*interval_s >= 0.05 && *interval_s <= 3600)) throw py::value_error("interval_s must be from 0.05 to 3600");
    monitor.interval = std::chrono::milliseconds(static_cast<long long>(*interval_s * 1000));
  }
  if (settings.level_floor) monitor.engine.initial_floor = core::parse_level(*settings.level_floor);

  service::ServiceSetup setup;
  // The profile given stands for the first detection, and for the complete one when it has nothing pending; a
  // later complete detection (a reload) reads the machine again, the same way it was read before.
  setup.detect = [given = profile.value, configuration,
                  handed_over = std::make_shared<std::atomic<bool>>(false)](service::DetectionDepth depth) {
    if (depth == service::DetectionDepth::fast) return *given;
    if (!handed_over->exchange(true) && complete(*given)) return *given;
    return cli::detect_profile(configuration->detection_flags(), configuration->settings, true);
  };
  setup.sampler = [root = configuration->root,
                   options = cli::detect_options(settings)](const core::RuntimeProfile& detected) {
    return monitor::machine_sampler(root, detected, options);
  };
  setup.policy_config = cli::policy_config(settings);
  setup.monitor = monitor;
  if (state_dir) {
    std::error_code ignored;
    std::filesystem::create_directories(*state_dir, ignored);
    setup.profile_path = *state_dir / profile::kProfileFileName;
  }
  return setup;
}

api::Request request_for(const std::string& method, const std::string& target, std::string body,
                         const std::map<std::string, std::string>& headers) {
  api::Request request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  for (const auto& [name, value] : headers) {
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[lower] = value;
  }
  return request;
}

// (status, content type, headers, body, stream or None): the HTTP server's part, without the socket.
py::tuple handle(Service& service, const std::string& method, const std::string& target, const py::bytes& body,
                 const std::map<std::string, std::string>& headers) {
  auto request = request_for(method, target, std::string(body), headers);
  api::Response response;
  {
    py::gil_scoped_release released;
    if (auto split = api::split_target(request.target)) {
      request.path = std::move(split->path);
      request.query = std::move(split->query);
      response = service.routes()(request);
    } else {
      response.status = 400;
      response.body =
          nlohmann::ordered_json{{"error", "malformed request target"}, {"detail", "a percent escape does not decode"}}
              .dump();
    }
  }
  py::object stream = py::none();
  if (response.stream) stream = py::cast(response.stream);
  return py::make_tuple(response.status, response.content_type, response.headers,
                        py::bytes(response.content().data(), response.content().size()), stream);
}

// An event stream's listener: `send` is called from the service's threads with one complete SSE event.
py::object open_stream(api::EventStream& stream, py::object on_event) {
  auto callable = keep_callable(std::move(on_event));
  std::function<void()> close;
  {
    py::gil_scoped_release released;
    close = stream.open([callable](std::string text) {
      py::gil_scoped_acquire gil;
      try {
        (*callable)(py::bytes(text));
      } catch (py::error_already_set& error) {
        error.discard_as_unraisable("autocut_runtime event stream listener");
      }
    });
  }
  return py::cpp_function([close = std::move(close)] {
    py::gil_scoped_release released;
    close();
  });
}

void subscribe(Service& service, py::object callback) {
  auto callable = keep_callable(std::move(callback));
  service.runtime().subscribe([callable, &service](const monitor::Event& event, const policy::ExecutionPolicy& now) {
    const auto document = monitor::event_to_json(event);
    Policy policy{service.runtime().current_profile(), service.runtime().policy_config(), now, {}};
    py::gil_scoped_acquire gil;
    try {
      (*callable)(to_python(document), policy);
    } catch (py::error_already_set& error) {
      error.discard_as_unraisable("autocut_runtime degradation callback");
    }
  });
}

// Python drops a Service holding the GIL; stopping it joins the monitor's thread, which may be waiting for the GIL
// to call a callback. So the GIL is let go while it is destroyed.
struct DeleteWithoutTheGil {
  void operator()(Service* service) const {
    py::gil_scoped_release released;
    delete service;
  }
};

template <class Read>
py::object read_document(Read read) {
  nlohmann::ordered_json document;
  {
    py::gil_scoped_release released;
    document = read();
  }
  return to_python(document);
}

}  // namespace

Service::Service(const Profile& profile, std::shared_ptr<Configuration> configuration, std::optional<double> interval_s,
                 const std::optional<std::filesystem::path>& state_dir)
    : configuration_(std::move(configuration)) {
  auto setup = setup_for(profile, configuration_, interval_s, state_dir);
  py::gil_scoped_release released;
  service_ = std::make_unique<service::RuntimeService>(std::move(setup));
  routes_ = api::make_routes(*service_, {std::nullopt, false, core::language_from_environment(), nullptr});
}

void bind_service(py::module_& module) {
  py::class_<api::EventStream, std::shared_ptr<api::EventStream>>(module, "EventStream")
      .def("open", &open_stream, "on_event"_a,
           "Calls on_event(bytes) with each Server-Sent Event from the service's threads; returns the call that "
           "closes the stream.");

  py::class_<Service, std::unique_ptr<Service, DeleteWithoutTheGil>>(
      module, "Service", "The profile, the policy at the monitor's level, the monitor and the API.")
      .def(py::init<const Profile&, std::shared_ptr<Configuration>, std::optional<double>,
                    const std::optional<std::filesystem::path>&>(),
           "profile"_a, "configuration"_a, "interval_s"_a = py::none(), "state_dir"_a = py::none())
      .def(
          "start", [](Service& s) { s.runtime().start(); }, py::call_guard<py::gil_scoped_release>())
      .def(
          "stop", [](Service& s) { s.runtime().stop(); }, py::call_guard<py::gil_scoped_release>())
      .def("monitor_state", [](Service& s) { return read_document([&] { return s.runtime().monitor_state(); }); })
      .def(
          "status",
          [](Service& s, const std::optional<std::string>& lang) {
            const auto language = language_argument(lang);
            return read_document([&] { return s.runtime().status(language); });
          },
          "lang"_a = py::none())
      .def("profile",
           [](Service& s) {
             return Profile{s.runtime().current_profile(), s.shared_configuration()};
           })
      .def(
          "policy",
          [](Service& s) {
            return Policy{s.runtime().current_profile(), s.runtime().policy_config(), s.runtime().current_policy(), {}};
          })
      .def_property_readonly("running", [](Service& s) { return s.runtime().monitor_status().running; })
      .def_property_readonly("detection_complete", [](Service& s) { return s.runtime().complete(); })
      .def("subscribe", &subscribe, "callback"_a,
           "callback(event: dict, policy: Policy) once per level transition, on the thread that caused it.")
      .def("handle", &handle, "method"_a, "target"_a, "body"_a = py::bytes(),
           "headers"_a = std::map<std::string, std::string>{},
           "Answers one request of the HTTP API as `autocut serve` does: (status, content_type, headers, body, "
           "stream).");
}

}  // namespace autocut::python
