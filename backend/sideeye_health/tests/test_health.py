"""The health endpoint: the contract of DESIGN section 4, custom checks and their budgets."""
import os
from datetime import datetime
from unittest import mock

from django.db import OperationalError, connection
from django.test import TestCase, override_settings

from . import checks_for_tests

HEALTH = "/api/health/"
T = "sideeye_health.tests.checks_for_tests."


def with_checks(checks, **more):
    return override_settings(SIDEEYE_HEALTH=dict({"CHECKS": checks}, **more))


class HealthContractTests(TestCase):
    def test_healthy_answer_has_every_field_of_the_contract(self):
        with mock.patch.dict(os.environ, {"SIDEEYE_INSTANCE_ID": "instance-42"}):
            response = self.client.get(HEALTH)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        body = response.json()
        self.assertEqual(
            {k: body[k] for k in ("status", "service", "version", "instance")},
            {"status": "healthy", "service": "SideEye Django Backend", "version": "1.0.0",
             "instance": "instance-42"})
        self.assertTrue(body["timestamp"].endswith("Z"))
        datetime.fromisoformat(body["timestamp"][:-1])
        self.assertEqual(list(body["checks"]), ["database"])
        self.assertEqual(body["checks"]["database"]["status"], "healthy")
        self.assertIsInstance(body["checks"]["database"]["latencyMs"], float)
        self.assertNotIn("error", body)

    def test_instance_is_null_when_the_manager_gave_none(self):
        with mock.patch.dict(os.environ, clear=True):
            self.assertIsNone(self.client.get(HEALTH).json()["instance"])

    def test_answers_without_the_trailing_slash_and_to_head(self):
        self.assertEqual(self.client.get("/api/health").status_code, 200)
        self.assertEqual(self.client.head(HEALTH).status_code, 200)

    def test_other_methods_get_a_json_405(self):
        response = self.client.post(HEALTH)
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, HEAD")
        self.assertEqual(response.json()["error"], "Method POST is not allowed on /api/health/; allowed: GET, HEAD")

    def test_database_failure_gives_503_naming_the_database_check(self):
        with mock.patch.object(connection, "cursor", side_effect=OperationalError("disk I/O error")), \
                self.assertLogs("django.request", "ERROR"):  # Django logs every 5xx answer
            response = self.client.get(HEALTH)

        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertEqual(body["status"], "unhealthy")
        self.assertEqual(body["checks"]["database"]["status"], "unhealthy")
        self.assertEqual(body["checks"]["database"]["error"], "OperationalError: disk I/O error")
        self.assertEqual(body["error"], "unhealthy: database (OperationalError: disk I/O error)")

    @override_settings(SIDEEYE_HEALTH={"SERVICE": "Inventory", "VERSION": "2.3.4", "DATABASES": []})
    def test_service_version_and_database_check_come_from_settings(self):
        body = self.client.get(HEALTH).json()
        self.assertEqual((body["service"], body["version"], body["checks"]), ("Inventory", "2.3.4", {}))


class CustomCheckTests(TestCase):
    def test_passing_checks_are_healthy_and_keep_their_details_in_order(self):
        with with_checks({"plain": T + "passes", "disk": T + "passes_with_details"}):
            response = self.client.get(HEALTH)

        self.assertEqual(response.status_code, 200)
        checks = response.json()["checks"]
        self.assertEqual(list(checks), ["database", "plain", "disk"])
        self.assertEqual(checks["disk"]["status"], "healthy")
        self.assertEqual(checks["disk"]["freeMb"], 512)

    def test_each_kind_of_failure_gives_503_naming_the_check(self):
        cases = {
            "returns_false": "sideeye_health.tests.checks_for_tests.returns_false returned False",
            "reports_degraded": "reported status 'degraded'",
            "raises": "ConnectionError: cache at 127.0.0.1:6379 refused the connection",
            "returns_text": "returned a str; a check returns None, True, False or a dict",
        }
        for function, message in cases.items():
            with self.subTest(function), with_checks({"cache": T + function, "ok": T + "passes"}), \
                    self.assertLogs("django.request", "ERROR"):
                response = self.client.get(HEALTH)
                body = response.json()
                self.assertEqual(response.status_code, 503)
                self.assertEqual(body["checks"]["cache"]["status"], "unhealthy")
                self.assertIn(message, body["checks"]["cache"]["error"])
                self.assertEqual(body["checks"]["ok"]["status"], "healthy")
                self.assertTrue(body["error"].startswith("unhealthy: cache ("), body["error"])

    def test_a_check_over_its_budget_is_unhealthy_and_is_not_started_twice(self):
        checks_for_tests.release.clear()
        self.addCleanup(checks_for_tests.release.set)
        spec = {"CALLABLE": T + "blocks_until_released", "BUDGET_MS": 50}
        with with_checks({"slow": spec}), self.assertLogs("django.request", "ERROR"):
            first = self.client.get(HEALTH)
            second = self.client.get(HEALTH)

        self.assertEqual(first.status_code, 503)
        self.assertEqual(first.json()["checks"]["slow"]["error"],
                         "did not finish within its 50 ms budget (%sblocks_until_released)" % T)
        self.assertGreaterEqual(first.json()["checks"]["slow"]["latencyMs"], 50)
        self.assertEqual(second.status_code, 503)
        self.assertIn("still running since an earlier health check", second.json()["checks"]["slow"]["error"])

    def test_the_default_budget_applies_to_checks_without_their_own(self):
        checks_for_tests.release.clear()
        self.addCleanup(checks_for_tests.release.set)
        with with_checks({"slow2": T + "blocks_until_released"}, DEFAULT_BUDGET_MS=30), \
                self.assertLogs("django.request", "ERROR"):
            body = self.client.get(HEALTH).json()
        self.assertIn("within its 30 ms budget", body["checks"]["slow2"]["error"])

    def test_a_released_check_is_healthy_again(self):
        checks_for_tests.release.set()
        with with_checks({"slow3": {"CALLABLE": T + "blocks_until_released", "BUDGET_MS": 5000}}):
            self.assertEqual(self.client.get(HEALTH).status_code, 200)
