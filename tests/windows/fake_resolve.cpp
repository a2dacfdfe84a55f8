// Resolve.exe for the Resolve probe under Wine: DaVinci Resolve Studio's version resource (fake_resolve.rc) on a
// program that stays running until it is ended, so the process snapshot sees it.
#include <windows.h>

int main() {
  Sleep(120000);
  return 0;
}
