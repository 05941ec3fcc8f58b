package io.sideeye.cli.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as Docker's parser reads it: comment lines dropped, lines ending in a
 * backslash joined, each instruction a keyword and its arguments; exec forms are JSON arrays.
 */
record ParsedDockerfile(List<Instruction> instructions) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FLAG = Pattern.compile("--([a-z-]+)=(\\S+)\\s+");

    /** One instruction: {@code keyword} upper-case, {@code arguments} as written. */
    record Instruction(String keyword, String arguments) {
        /** The exec form's argv; fails for the shell form (which runs a shell). */
        List<String> exec() {
            try {
                return JSON.readValue(arguments, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not in exec (JSON) form: " + arguments, e);
            }
        }
    }

    static ParsedDockerfile parse(String text) {
        List<Instruction> list = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.length() == 0) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String whole = pending.toString().strip();
            pending.setLength(0);
            int space = whole.indexOf(' ');
            if (space < 0 && !whole.equals("HEALTHCHECK")) {
                throw new AssertionError("an instruction without arguments: " + whole);
            }
            String keyword = whole.substring(0, space);
            if (!keyword.matches("[A-Z]+")) {
                throw new AssertionError("not an instruction: " + whole);
            }
            list.add(new Instruction(keyword, whole.substring(space + 1).strip()));
        }
        if (pending.length() > 0) {
            throw new AssertionError("the file ends in a continued line");
        }
        return new ParsedDockerfile(list);
    }

    /** Every instruction with {@code keyword}, in order. */
    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The one instruction with {@code keyword}. */
    Instruction one(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.size() != 1) {
            throw new AssertionError(keyword + " appears " + found.size() + " times");
        }
        return found.get(0);
    }

    /** Where the first {@code keyword} is, or -1. */
    int indexOf(String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** The {@code --name=value} options of HEALTHCHECK, and its {@code CMD} argv under the key {@code CMD}. */
    Map<String, Object> healthcheck() {
        String args = one("HEALTHCHECK").arguments() + " ";
        Map<String, Object> options = new LinkedHashMap<>();
        Matcher m = FLAG.matcher(args);
        int at = 0;
        while (m.find(at) && m.start() == at) {
            options.put(m.group(1), m.group(2));
            at = m.end();
        }
        String rest = args.substring(at).strip();
        if (!rest.startsWith("CMD ")) {
            throw new AssertionError("HEALTHCHECK without CMD: " + rest);
        }
        options.put("CMD", new Instruction("CMD", rest.substring(4)).exec());
        return options;
    }

    /** The variables of every ENV instruction ({@code NAME="value"} pairs, Docker's escapes undone). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:\\\\.|[^\"\\\\])*)\"|\\S+)");
        for (Instruction i : all("ENV")) {
            Matcher m = pair.matcher(i.arguments());
            while (m.find()) {
                env.put(m.group(1), m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2));
            }
        }
        return env;
    }
}
