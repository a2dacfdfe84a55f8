// The Windows ChildProcess: CreateProcessW with three pipes and only those handles inherited, in a job object that
// ends with us (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE), so that killing it ends everything the child started and a
// crash of ours leaves nothing behind. Anonymous pipes cannot be waited on together, so reading polls them with
// PeekNamedPipe, a few milliseconds apart: the worker's lines are seconds apart, and no reader thread can be left
// blocked on a pipe a grandchild still holds.
#include "sys/child_process.hpp"

#include <windows.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <thread>

#include "sys/output_lines.hpp"
#include "sys/windows/command_line.hpp"
#include "sys/windows/text.hpp"

namespace autocut::sys {
namespace {

constexpr DWORD kKilledExitCode = 0xC000013A;  // STATUS_CONTROL_C_EXIT, what a console program ended by us reports

void close_handle(HANDLE& handle) {
  if (handle) CloseHandle(handle);
  handle = nullptr;
}

// Reads what a pipe holds now, without blocking. False once the writer has gone.
bool drain(HANDLE pipe, const auto& take) {
  for (;;) {
    DWORD available = 0;
    if (!PeekNamedPipe(pipe, nullptr, 0, nullptr, &available, nullptr)) return false;
    if (available == 0) return true;
    std::array<char, 16384> buffer{};
    DWORD read = 0;
    if (!ReadFile(pipe, buffer.data(), std::min<DWORD>(available, buffer.size()), &read, nullptr) || read == 0)
      return false;
    take(std::string_view(buffer.data(), read));
  }
}

}  // namespace

struct ChildProcess::Impl {
  HANDLE process = nullptr, job = nullptr;
  HANDLE in = nullptr, out = nullptr, err = nullptr;
  DWORD pid = 0;
  OutputLines lines;
  OutputTail error_output;
  bool out_ended = false;
  bool killed = false;
  std::optional<int> exit_code;

  ~Impl() {
    if (job && !exit_code) {
      TerminateJobObject(job, kKilledExitCode);
      WaitForSingleObject(process, INFINITE);
    }
    close_handle(in);
    close_handle(out);
    close_handle(err);
    close_handle(process);
    close_handle(job);  // KILL_ON_JOB_CLOSE: anything the child left running ends here
  }

  void take_error_output() {
    if (err && !drain(err, [this](std::string_view data) { error_output.add(data); })) close_handle(err);
  }

  void kill_all() {
    if (exit_code) return;
    killed = true;
    TerminateJobObject(job, kKilledExitCode);
  }
};

ChildProcess::ChildProcess(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ChildProcess::~ChildProcess() = default;

std::unique_ptr<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv,
                                                  const std::vector<std::string>& environment, std::string& error) {
  if (argv.empty()) {
    error = "no program to run";
    return nullptr;
  }
  const auto failed = [&](const std::string& what) {
    error = what + ": " + windows::error_text(GetLastError());
    return nullptr;
  };
  auto impl = std::make_unique<Impl>();
  // The child's ends are inheritable, ours are not.
  SECURITY_ATTRIBUTES inheritable{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  HANDLE child_in = nullptr, child_out = nullptr, child_err = nullptr;
  const auto close_child_ends = [&] {
    close_handle(child_in);
    close_handle(child_out);
    close_handle(child_err);
  };
  if (!CreatePipe(&child_in, &impl->in, &inheritable, 0) || !CreatePipe(&impl->out, &child_out, &inheritable, 0) ||
      !CreatePipe(&impl->err, &child_err, &inheritable, 0)) {
    close_child_ends();
    return failed("cannot create a pipe");
  }
  for (HANDLE ours : {impl->in, impl->out, impl->err}) SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);

  // Only the three pipes are inherited: a service's listening socket held by its worker would outlive the service.
  std::array<HANDLE, 3> inherited{child_in, child_out, child_err};
  SIZE_T attribute_size = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &attribute_size);
  std::vector<char> attribute_storage(attribute_size);
  auto* attributes = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(attribute_storage.data());
  if (!InitializeProcThreadAttributeList(attributes, 1, 0, &attribute_size) ||
      !UpdateProcThreadAttribute(attributes, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, inherited.data(),
                                 sizeof(HANDLE) * inherited.size(), nullptr, nullptr)) {
    close_child_ends();
    return failed("cannot prepare the child's handles");
  }
  STARTUPINFOEXW startup{};
  startup.StartupInfo.cb = sizeof(startup);
  startup.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
  startup.StartupInfo.hStdInput = child_in;
  startup.StartupInfo.hStdOutput = child_out;
  startup.StartupInfo.hStdError = child_err;
  startup.lpAttributeList = attributes;

  impl->job = CreateJobObjectW(nullptr, nullptr);
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
  limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  if (!impl->job || !SetInformationJobObject(impl->job, JobObjectExtendedLimitInformation, &limits, sizeof(limits))) {
    DeleteProcThreadAttributeList(attributes);
    close_child_ends();
    return failed("cannot create a job object");
  }

  auto command_line = windows::wide(windows::quoted_command_line(argv));
  const auto block = windows::wide(windows::environment_block(environment));
  PROCESS_INFORMATION info{};
  // Suspended until it is in the job, so nothing it starts can escape it. Its own process group, so that Ctrl-Break
  // reaches it alone.
  const BOOL created = CreateProcessW(
      windows::wide(argv[0]).c_str(), command_line.data(), nullptr, nullptr, TRUE,
      CREATE_SUSPENDED | CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT | EXTENDED_STARTUPINFO_PRESENT,
      const_cast<wchar_t*>(block.c_str()), nullptr, &startup.StartupInfo, &info);
  const DWORD create_error = GetLastError();
  DeleteProcThreadAttributeList(attributes);
  close_child_ends();
  if (!created) {
    error = "cannot run " + argv[0] + ": " + windows::error_text(create_error);
    return nullptr;
  }
  impl->process = info.hProcess;
  impl->pid = info.dwProcessId;
  if (!AssignProcessToJobObject(impl->job, info.hProcess)) {
    const DWORD code = GetLastError();
    TerminateProcess(info.hProcess, kKilledExitCode);
    CloseHandle(info.hThread);
    impl->exit_code = -1;
    error = "cannot put " + argv[0] + " in a job object: " + windows::error_text(code);
    return nullptr;
  }
  ResumeThread(info.hThread);
  CloseHandle(info.hThread);
  return std::unique_ptr<ChildProcess>(new ChildProcess(std::move(impl)));
}

bool ChildProcess::write_line(std::string_view line) {
  if (!impl_->in) return false;
  std::string data(line);
  data.push_back('\n');
  for (std::size_t sent = 0; sent < data.size();) {
    DWORD written = 0;
    if (!WriteFile(impl_->in, data.data() + sent, static_cast<DWORD>(data.size() - sent), &written, nullptr) ||
        written == 0)
      return false;  // ERROR_NO_DATA or ERROR_BROKEN_PIPE: it no longer reads
    sent += written;
  }
  return true;
}

void ChildProcess::close_input() { close_handle(impl_->in); }

ReadResult ChildProcess::read_line(std::chrono::milliseconds timeout, std::size_t max_line) {
  auto& child = *impl_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(16))) {
    child.take_error_output();
    if (!child.out_ended && !drain(child.out, [&child](std::string_view data) { child.lines.add(data); }))
      child.out_ended = true, close_handle(child.out);
    if (auto line = child.lines.next(max_line)) return {ReadStatus::line, std::move(*line)};
    if (child.out_ended) {
      if (auto rest = child.lines.rest()) return {ReadStatus::line, std::move(*rest)};
      return {ReadStatus::ended, {}};
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return {ReadStatus::timed_out, {}};
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
  }
}

void ChildProcess::request_stop() {
  // Delivered when the child shares our console; a child that cannot get it is killed at the caller's deadline.
  if (!impl_->exit_code) GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, impl_->pid);
}

void ChildProcess::kill() { impl_->kill_all(); }

void ChildProcess::abandon() {
  // Terminating a job object does not wait; only the reaping in ~Impl would, and a set exit code skips it.
  impl_->kill_all();
  if (!impl_->exit_code) impl_->exit_code = static_cast<int>(kKilledExitCode);
}

int ChildProcess::wait(std::chrono::milliseconds deadline) {
  auto& child = *impl_;
  if (child.exit_code) return *child.exit_code;
  close_input();
  const auto until = std::chrono::steady_clock::now() + deadline;
  // Keep its error output flowing, or a child blocked writing it would never exit.
  while (WaitForSingleObject(child.process, 5) == WAIT_TIMEOUT) {
    child.take_error_output();
    if (std::chrono::steady_clock::now() >= until) {
      child.kill_all();
      WaitForSingleObject(child.process, INFINITE);
      break;
    }
  }
  child.take_error_output();
  DWORD code = 0;
  child.exit_code = GetExitCodeProcess(child.process, &code) ? static_cast<int>(code) : -1;
  return *child.exit_code;
}

std::string ChildProcess::ended_how() const {
  const auto& child = *impl_;
  if (!child.exit_code) return "still running";
  if (child.killed) return "ended by autocut";
  const auto code = static_cast<DWORD>(*child.exit_code);
  if (code >= 0xC0000000) {  // an NTSTATUS: the process crashed (0xC0000005 is an access violation)
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08lX", static_cast<unsigned long>(code));
    return std::string("crashed with ") + hex;
  }
  return "exit status " + std::to_string(code);
}

std::string ChildProcess::error_output() const { return impl_->error_output.text(); }

int ChildProcess::pid() const { return static_cast<int>(impl_->pid); }

}  // namespace autocut::sys
