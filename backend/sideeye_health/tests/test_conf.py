"""Mistakes in SIDEEYE_HEALTH stop the startup with a message naming the setting and the fix."""
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings

from sideeye_health.conf import health_settings

T = "sideeye_health.tests.checks_for_tests."


class HealthSettingsTests(SimpleTestCase):
    def assert_refused(self, value, message):
        with override_settings(SIDEEYE_HEALTH=value), self.assertRaisesMessage(ImproperlyConfigured, message):
            health_settings()

    def test_defaults(self):
        with override_settings(SIDEEYE_HEALTH=None):
            settings = health_settings()
        self.assertEqual((settings.service, settings.version, settings.database_aliases, settings.checks),
                         ("SideEye Django Backend", "1.0.0", ("default",), ()))

    def test_shorthand_and_full_check_specs(self):
        value = {"DEFAULT_BUDGET_MS": 300, "CHECKS": {"a": T + "passes", "b": {"CALLABLE": T + "raises", "BUDGET_MS": 20}}}
        with override_settings(SIDEEYE_HEALTH=value):
            a, b = health_settings().checks
        self.assertEqual((a.name, a.path, a.budget_ms), ("a", T + "passes", 300.0))
        self.assertEqual((b.name, b.budget_ms), ("b", 20.0))

    def test_unknown_keys_are_refused_with_the_valid_ones(self):
        self.assert_refused({"CHEKS": {}}, "SIDEEYE_HEALTH has unknown key(s) 'CHEKS'; valid keys: SERVICE, VERSION")
        self.assert_refused({"CHECKS": {"a": {"CALLABLE": T + "passes", "BUDGET": 1}}},
                            "SIDEEYE_HEALTH['CHECKS']['a'] has unknown key(s) 'BUDGET'; valid keys: CALLABLE, BUDGET_MS")

    def test_a_path_that_does_not_import_is_refused(self):
        self.assert_refused({"CHECKS": {"a": "nowhere.at_all"}},
                            "SIDEEYE_HEALTH['CHECKS']['a']: 'nowhere.at_all' cannot be imported")

    def test_a_target_that_is_not_callable_is_refused(self):
        self.assert_refused({"CHECKS": {"a": T + "not_callable"}}, "is a int, not a callable")

    def test_budgets_must_be_positive_numbers(self):
        for bad in (0, -5, "100ms", True):
            with self.subTest(bad=bad):
                self.assert_refused({"CHECKS": {"a": {"CALLABLE": T + "passes", "BUDGET_MS": bad}}},
                                    "SIDEEYE_HEALTH['CHECKS']['a']['BUDGET_MS'] must be a positive number of milliseconds")

    def test_unknown_database_aliases_are_refused(self):
        self.assert_refused({"DATABASES": ["reports"]}, "names 'reports', which is not in DATABASES (default)")

    def test_a_check_may_not_take_the_database_check_name(self):
        self.assert_refused({"CHECKS": {"database": T + "passes"}}, "already taken by database")
