// The service the Python monitor and FastAPI router stand on: a RuntimeService (profile, policy at the monitor's
// level, monitor, events) and the HTTP API's handler over it, without an HTTP server. Thread-safe as the service is.
#pragma once

#include <memory>

#include "api/http_types.hpp"
#include "bindings.hpp"
#include "service/runtime_service.hpp"

namespace autocut::python {

class Service {
 public:
  Service(const Profile& profile, std::shared_ptr<Configuration> configuration, std::optional<double> interval_s,
          const std::optional<std::filesystem::path>& state_dir);

  service::RuntimeService& runtime() { return *service_; }
  const Configuration& configuration() const { return *configuration_; }
  std::shared_ptr<Configuration> shared_configuration() const { return configuration_; }
  const api::Handler& routes() const { return routes_; }

 private:
  std::shared_ptr<Configuration> configuration_;
  std::unique_ptr<service::RuntimeService> service_;
  api::Handler routes_;
};

}  // namespace autocut::python
