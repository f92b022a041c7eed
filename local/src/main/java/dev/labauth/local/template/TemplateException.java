package dev.labauth.local.template;

/** A template the local gateway cannot serve; the message names the file, and the line where YAML gives one. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
