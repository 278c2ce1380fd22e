package uk.nhs.hps.support;

import io.micronaut.context.ApplicationContext;

/**
 * A service instance in its own JVM whose dispatcher loop delivers the outbox, so a test can kill it
 * with SIGKILL mid-flight. Configuration comes in as system properties.
 */
public final class DispatcherProcess {

    private DispatcherProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        ApplicationContext context = ApplicationContext.run("dev");
        System.out.println("dispatcher-ready");
        synchronized (context) {
            while (context.isRunning()) {
                context.wait();
            }
        }
    }
}
