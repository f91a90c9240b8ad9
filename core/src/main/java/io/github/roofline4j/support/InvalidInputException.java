package io.github.roofline4j.support;

/**
 * Outside input (a JSON file or string, a configuration, a command-line value) that cannot be
 * used, with the place of the problem.
 *
 * <p>The message has the form {@code SOURCE: PATH: PROBLEM}, for example
 * {@code nvidia.json: $.accelerators[3].memoryBytes: must be >= 0 and finite, was -1}, where the
 * source is a file name or a description such as {@code "JSON string"}, and the path is a JSON
 * path from the document root {@code $}.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param source the file name or a description of the input
     * @param path the JSON path of the problem, {@code $} for the whole document
     * @param problem what is wrong and what was expected
     */
    public InvalidInputException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem);
        this.source = source;
        this.path = path;
        this.problem = problem;
    }

    /**
     * Returns the file name or description of the input.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the JSON path of the problem.
     *
     * @return the path, starting with {@code $}
     */
    public String path() {
        return path;
    }

    /**
     * Returns what is wrong, without the source and path.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
