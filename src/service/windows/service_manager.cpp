// autocut.exe serves as a console program, started by its user or by a task; it is not registered with the Service
// Control Manager, so there is no one to tell how it is doing.
#include "service/service_manager.hpp"

namespace autocut::service {

struct ServiceManager::Connection {};

ServiceManager::ServiceManager(std::function<bool()> alive) : alive_(std::move(alive)) {}
ServiceManager::~ServiceManager() = default;
void ServiceManager::ready(const std::string&) {}
void ServiceManager::stopping() {}

}  // namespace autocut::service
