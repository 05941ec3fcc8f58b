package io.sideeye.example.spring;

import com.fasterxml.jackson.databind.JsonNode;
import io.sideeye.service.ApiResponse;
import io.sideeye.service.DjangoServiceManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /notes}: relayed to the backend's notes API through the auto-configured manager. */
@RestController
@RequestMapping("/notes")
class NotesController {
    private final DjangoServiceManager backend;

    NotesController(DjangoServiceManager backend) {
        this.backend = backend;
    }

    @GetMapping
    ResponseEntity<JsonNode> list() {
        return relay(backend.apiCall("/notes/").join());
    }

    @PostMapping
    ResponseEntity<JsonNode> create(@RequestBody JsonNode note) {
        return relay(backend.apiCall("/notes/", "POST", note).join());
    }

    /** The backend's answer as it came, or 502 when no answer came (the error is in the manager's api-error event). */
    private static ResponseEntity<JsonNode> relay(ApiResponse answer) {
        HttpStatus status = answer.status() == 0 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(answer.status());
        return ResponseEntity.status(status).body(answer.data());
    }
}
