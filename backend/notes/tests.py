"""The notes API: CRUD, validation errors naming the field, JSON 404/405, token protection."""
import json
import os
from unittest import mock

from django.test import TestCase

from .models import Note

TOKEN = "notes-test-token"


class NotesApiTests(TestCase):
    def setUp(self):
        patcher = mock.patch.dict(os.environ, {"SIDEEYE_API_TOKEN": TOKEN})
        patcher.start()
        self.addCleanup(patcher.stop)

    def call(self, method, path, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        return self.client.generic(method, path, data, content_type="application/json",
                                   HTTP_AUTHORIZATION="Bearer " + TOKEN)

    def create(self, **fields):
        response = self.call("POST", "/api/notes/", fields)
        self.assertEqual(response.status_code, 201, response.content)
        return response.json()

    def assert_invalid(self, response, field, message):
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json().get("field"), field)
        self.assertIn(message, response.json()["error"])

    def test_create_then_list_get_update_and_delete(self):
        created = self.create(title="  First  ", body="hello")
        self.assertEqual((created["title"], created["body"]), ("First", "hello"))
        self.assertTrue(created["createdAt"].endswith("Z"))
        second = self.create(title="Second")
        self.assertEqual(second["body"], "")

        listed = self.call("GET", "/api/notes/").json()
        self.assertEqual(listed["count"], 2)
        self.assertEqual([n["id"] for n in listed["notes"]], [created["id"], second["id"]])

        self.assertEqual(self.call("GET", "/api/notes/%d/" % created["id"]).json(), created)

        patched = self.call("PATCH", "/api/notes/%d/" % created["id"], {"body": "changed"}).json()
        self.assertEqual((patched["title"], patched["body"]), ("First", "changed"))
        replaced = self.call("PUT", "/api/notes/%d/" % created["id"], {"title": "Replaced"}).json()
        self.assertEqual((replaced["title"], replaced["body"]), ("Replaced", ""))
        self.assertEqual(Note.objects.get(pk=created["id"]).title, "Replaced")

        self.assertEqual(self.call("DELETE", "/api/notes/%d/" % created["id"]).status_code, 204)
        self.assertEqual(self.call("GET", "/api/notes/%d/" % created["id"]).status_code, 404)
        self.assertEqual(self.call("GET", "/api/notes/").json()["count"], 1)

    def test_create_answers_201_with_the_location_of_the_note(self):
        response = self.call("POST", "/api/notes/", {"title": "t"})
        self.assertEqual(response["Location"], "/api/notes/%d/" % response.json()["id"])

    def test_paths_work_without_the_trailing_slash(self):
        note = self.create(title="slashless")
        self.assertEqual(self.call("POST", "/api/notes", {"title": "posted"}).status_code, 201)
        self.assertEqual(self.call("GET", "/api/notes/%d" % note["id"]).json()["title"], "slashless")

    def test_a_missing_note_is_a_json_404(self):
        for method in ("GET", "PUT", "PATCH", "DELETE"):
            with self.subTest(method=method):
                response = self.call(method, "/api/notes/999/", {"title": "x"})
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"error": "Note 999 does not exist"})

    def test_unsupported_methods_are_a_json_405(self):
        response = self.call("DELETE", "/api/notes/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, HEAD, POST")
        self.assertIn("Method DELETE is not allowed on /api/notes/", response.json()["error"])
        self.assertEqual(self.call("POST", "/api/notes/1/", {}).status_code, 405)

    def test_title_is_checked_and_named_in_the_error(self):
        cases = [
            ({}, "title is required"),
            ({"title": None}, "title is required"),
            ({"title": "   "}, "title must not be blank"),
            ({"title": 7}, "title must be a string, not a number"),
            ({"title": "x" * 201}, "title is 201 characters long; at most 200 are allowed"),
        ]
        for body, message in cases:
            with self.subTest(body=body):
                self.assert_invalid(self.call("POST", "/api/notes/", body), "title", message)
        self.assertEqual(Note.objects.count(), 0)

    def test_body_and_unknown_fields_are_named_in_the_error(self):
        self.assert_invalid(self.call("POST", "/api/notes/", {"title": "t", "body": ["a"]}), "body",
                            "body must be a string, not an array")
        self.assert_invalid(self.call("POST", "/api/notes/", {"title": "t", "colour": "red"}), "colour",
                            "Unknown field 'colour'; a note has: title, body")

    def test_updates_are_validated_too(self):
        note = self.create(title="keep")
        self.assert_invalid(self.call("PUT", "/api/notes/%d/" % note["id"], {"body": "no title"}), "title",
                            "title is required")
        self.assert_invalid(self.call("PATCH", "/api/notes/%d/" % note["id"], {"title": ""}), "title",
                            "title must not be blank")
        self.assertEqual(Note.objects.get(pk=note["id"]).title, "keep")

    def test_bodies_that_are_not_a_json_object_are_refused(self):
        cases = [
            ("{not json", "The request body is not valid JSON"),
            ("[1, 2]", "The request body must be a JSON object, not an array"),
        ]
        for raw, message in cases:
            with self.subTest(raw=raw):
                self.assert_invalid(self.call("POST", "/api/notes/", raw=raw), None, message)

    def test_a_post_without_a_json_body_is_refused_before_the_view(self):
        for content_type in ("text/plain", "application/x-www-form-urlencoded"):
            response = self.client.post("/api/notes/", "title=x", content_type=content_type,
                                        HTTP_AUTHORIZATION="Bearer " + TOKEN)
            self.assertEqual(response.status_code, 415)
        response = self.client.generic("POST", "/api/notes/", b"", HTTP_AUTHORIZATION="Bearer " + TOKEN)
        self.assertEqual(response.status_code, 415)
        self.assertEqual(self.client.get("/api/notes/", HTTP_AUTHORIZATION="Bearer " + TOKEN).json()["count"], 0)

    def test_the_api_needs_the_token(self):
        self.assertEqual(self.client.get("/api/notes/").status_code, 401)
        self.assertEqual(self.client.post("/api/notes/", {"title": "x"}, content_type="application/json").status_code, 401)
        self.assertEqual(Note.objects.count(), 0)
