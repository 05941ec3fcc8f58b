/**
 * SideEye Service Manager core: runs a Django (or any Python HTTP) backend as a supervised
 * child process. Only {@code io.sideeye.service} is the supported API; the mechanism packages
 * beneath it are implementation.
 */
module io.sideeye.service {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires java.net.http;
    requires org.slf4j;

    exports io.sideeye.service;
    opens io.sideeye.service to com.fasterxml.jackson.databind;
}
