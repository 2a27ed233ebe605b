# SPDX-License-Identifier: GPL-3.0-or-later
#
# TAP for the checks written in Python (tests/i18n, tests/install): numbered ok / not ok
# lines, diagnostics as comments under them, and the plan at the end.


class Tap:
    def __init__(self, diagnose_passes=False):
        # diagnose_passes: print a passing check's diagnostics too, for tool output that is
        # worth reading either way (translation statistics).
        self.count = 0
        self.failures = []
        self.diagnose_passes = diagnose_passes

    def check(self, ok, description, diagnostics=()):
        self.count += 1
        print(f'{"ok" if ok else "not ok"} {self.count} - {description}')
        if not ok:
            self.failures.append(description)
        if ok and not self.diagnose_passes:
            return
        for line in diagnostics:
            for part in str(line).splitlines():
                if part.strip():
                    print(f'# {part}')

    def finish(self):
        """Prints the plan; returns the exit status."""
        print(f'1..{self.count}')
        return 1 if self.failures else 0
