package io.sideeye.desktop.ui;

import io.sideeye.service.ApiResponse;
import java.util.concurrent.CompletableFuture;

/** The one call the notes view and the API console make: {@code DjangoServiceManager::apiCall}. */
@FunctionalInterface
public interface ApiClient {

    /** Calls {@code method endpoint} with {@code data} as the JSON body (null for none). Never blocks. */
    CompletableFuture<ApiResponse> call(String endpoint, String method, Object data);
}
