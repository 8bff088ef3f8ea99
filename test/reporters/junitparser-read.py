"""What Debian's python3-junitparser reads from a JUnit file, as JSON for the tests.

Attributes are read before anything asks for one the file lacks: junitparser answers a missing
count (the junit-10 schema has no `skipped` on <testsuites>) by recomputing every suite's
statistics, time as the sum of case times included.
"""
import json
import sys

from junitparser import Error, Failure, JUnitXml, Skipped

xml = JUnitXml.fromfile(sys.argv[1])
root = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "time": xml.time}
suites = []
for suite in xml:
    cases = []
    for case in suite:
        cases.append({
            "name": case.name,
            "classname": case.classname,
            "time": case.time,
            "results": [{"kind": type(r).__name__.lower(), "type": r.type, "message": r.message, "text": r.text or ""} for r in case.result],
            "system_out": case.system_out or "",
        })
    suites.append({
        "name": suite.name,
        "tests": suite.tests,
        "failures": suite.failures,
        "errors": suite.errors,
        "skipped": suite.skipped,
        "time": suite.time,
        "cases": cases,
    })
json.dump({"root": root, "suites": suites}, sys.stdout)
