package io.sideeye.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application whose {@code /notes} API is served by the bundled Django
 * backend: {@code sideeye-spring-boot-starter} starts the backend before the web server opens
 * and stops it after the web server has closed (settings in {@code application.properties}).
 */
@SpringBootApplication
public class NotesApplication {

    /** Runs the application. */
    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }
}
