"""The API token middleware and the JSON error pages of the API."""
import hmac
import os
from unittest import mock

from django.test import Client, SimpleTestCase, override_settings

TOKEN = "s3cr3t-token-value"


@override_settings(ROOT_URLCONF="sideeye_health.tests.urls")
class ApiTokenTests(SimpleTestCase):
    databases = {"default"}  # the health check queries it

    def setUp(self):
        patcher = mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": TOKEN})
        patcher.start()
        self.addCleanup(patcher.stop)

    def get(self, path, authorization=None):
        headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
        return self.client.get(path, **headers)

    def assert_refused(self, response, message):
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="sideeye"')
        self.assertIn(message, response.json()["error"])
        self.assertNotIn(TOKEN, response.content.decode())

    def test_missing_token_is_refused(self):
        self.assert_refused(self.get("/api/private/"), "This API needs a token")

    def test_wrong_token_is_refused(self):
        self.assert_refused(self.get("/api/private/", "Bearer not-the-token"), "is not the one the backend was started with")

    def test_other_schemes_are_refused(self):
        self.assert_refused(self.get("/api/private/", "Basic " + TOKEN), "must have the form 'Bearer <token>'")

    def test_right_token_passes_compared_in_constant_time(self):
        with mock.patch("sideeye_health.middleware.hmac.compare_digest", wraps=hmac.compare_digest) as compare:
            response = self.get("/api/private/", "Bearer " + TOKEN)
        self.assertEqual(response.json()["error"], "reached the private view")
        compare.assert_called_once_with(TOKEN.encode(), TOKEN.encode())

    def test_unknown_api_paths_need_the_token_too(self):
        self.assert_refused(self.get("/api/no-such-endpoint/"), "This API needs a token")

    def test_health_accepts_but_does_not_need_the_token(self):
        for authorization in (None, "Bearer " + TOKEN, "Bearer wrong"):
            with self.subTest(authorization=authorization):
                self.assertEqual(self.get("/api/health/", authorization).status_code, 200)

    def test_exempt_class_based_views_do_not_need_the_token(self):
        self.assertEqual(self.get("/api/public/").json()["error"], "reached the public view")

    def test_paths_outside_the_api_are_not_guarded(self):
        self.assertEqual(self.get("/outside/nothing/").status_code, 404)

    def test_without_a_token_the_api_is_closed_unless_configured_open(self):
        with mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": "", "SIDEEYE_API_OPEN": ""}):
            response = self.get("/api/private/")
            self.assertEqual(response.status_code, 401)
            self.assertIn("SIDEEYE_API_OPEN", response.json()["error"])
            self.assertEqual(self.get("/api/health/").status_code, 200)
        with mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": "", "SIDEEYE_API_OPEN": "1"}):
            self.assertEqual(self.get("/api/private/").json()["error"], "reached the private view")

    def test_an_open_api_is_a_warning_when_the_server_loads(self):
        from sideeye_health.middleware import ApiTokenMiddleware
        with mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": "", "SIDEEYE_API_OPEN": "yes"}), \
                self.assertLogs("sideeye_health.middleware", "WARNING") as logs:
            ApiTokenMiddleware(lambda request: None)
        self.assertIn("SIDEEYE_API_OPEN", logs.output[0])
        with mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": "", "SIDEEYE_API_OPEN": "maybe"}):
            with self.assertRaisesRegex(Exception, "SIDEEYE_API_OPEN='maybe'"):
                ApiTokenMiddleware(lambda request: None)


@override_settings(ROOT_URLCONF="sideeye_health.tests.urls")
class JsonBodyTests(SimpleTestCase):
    """State-changing API requests must declare a JSON body: no simple cross-site form post gets through."""

    def setUp(self):
        patcher = mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": "", "SIDEEYE_API_OPEN": "1"})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_form_and_text_bodies_are_415(self):
        for method in ("post", "put", "patch", "delete"):
            for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
                with self.subTest(method=method, content_type=content_type):
                    response = getattr(self.client, method)("/api/private/", "a=1", content_type=content_type)
                    self.assertEqual(response.status_code, 415)
                    self.assertIn("application/json", response.json()["error"])

    def test_a_post_without_a_content_type_is_415(self):
        response = self.client.generic("POST", "/api/private/", b"")
        self.assertEqual(response.status_code, 415)

    def test_json_bodies_and_bodiless_deletes_and_reads_pass(self):
        for method, content_type in (("POST", "application/json"), ("PUT", "application/json; charset=utf-8"),
                                     ("PATCH", "application/merge-patch+json")):
            with self.subTest(method=method):
                response = self.client.generic(method, "/api/private/", b"{}", content_type=content_type)
                self.assertEqual(response.json()["error"], "reached the private view")
        self.assertEqual(self.client.generic("DELETE", "/api/private/", b"").json()["error"], "reached the private view")
        self.assertEqual(self.client.get("/api/private/").json()["error"], "reached the private view")

    def test_pages_outside_the_api_are_not_checked(self):
        self.assertEqual(self.client.post("/outside/nothing/", "a=1", content_type="text/plain").status_code, 404)


@override_settings(ROOT_URLCONF="sideeye_health.tests.urls")
class JsonErrorTests(SimpleTestCase):
    databases = {"default"}  # the health check queries it

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        patcher = mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": "", "SIDEEYE_API_OPEN": "1"})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_unknown_api_path_is_a_json_404_with_and_without_debug(self):
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                response = self.client.get("/api/nothing-here/")
                self.assertEqual((response.status_code, response["Content-Type"]), (404, "application/json"))
                self.assertEqual(response.json(), {"error": "Not found: GET /api/nothing-here/"})

    def test_http404_raised_by_a_view_is_json(self):
        with override_settings(DEBUG=True):
            response = self.client.get("/api/missing/")
        self.assertEqual(response.json(), {"error": "Not found: GET /api/missing/"})

    def test_method_not_allowed_is_json_with_the_allow_header(self):
        response = self.client.get("/api/post-only/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "POST")
        self.assertEqual(response.json(), {"error": "Method GET is not allowed on /api/post-only/; allowed: POST"})

    def test_a_crashing_view_is_a_json_500_never_a_debug_page(self):
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug), self.assertLogs("django.request", "ERROR") as logs:
                response = self.client.get("/api/explode/")
                self.assertEqual((response.status_code, response["Content-Type"]), (500, "application/json"))
                self.assertEqual(response.json()["error"], "Internal server error while handling GET /api/explode/; "
                                                           "the details are in the backend's log")
                self.assertIn("the view broke on purpose", "\n".join(logs.output))

    def test_a_disallowed_host_is_a_json_400_naming_it(self):
        response = self.client.get("/api/health/", HTTP_HOST="evil.example")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "Host 'evil.example' is not allowed here; use one of: "
                                                   "localhost, 127.0.0.1, [::1], testserver")

    def test_loopback_hosts_are_allowed(self):
        for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "localhost."):
            with self.subTest(host=host):
                self.assertEqual(self.client.get("/api/health/", HTTP_HOST=host).status_code, 200)

    def test_pages_outside_the_api_keep_django_s_own_errors(self):
        with self.assertLogs("django.request", "ERROR"):
            response = self.client.get("/outside/explode/")
        self.assertEqual(response.status_code, 500)
        self.assertNotEqual(response["Content-Type"], "application/json")
