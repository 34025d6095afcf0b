package emrpipeline.janitor;

/** The function's environment is incomplete or malformed (a deploy problem); nothing was read or changed. */
public class JanitorConfigurationException extends RuntimeException {
    public JanitorConfigurationException(String message) {
        super(message);
    }
}
