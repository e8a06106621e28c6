package io.securewatch.testsupport.consul;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs fakes of several Consul datacenters as a process, for the demo, where no Consul server can be installed.
 * Arguments are {@code <datacenter>=<port>}; the fakes listen on 127.0.0.1 until the process is stopped.
 */
public final class ConsulFakeMain {

    private ConsulFakeMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: ConsulFakeMain <datacenter>=<port> ...");
            System.exit(2);
        }
        List<ConsulFake> fakes = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                System.err.println("argument '" + arg + "' must be <datacenter>=<port>, such as eu-west-1=18500");
                System.exit(2);
            }
            fakes.add(ConsulFake.builder(arg.substring(0, equals))
                    .port(Integer.parseInt(arg.substring(equals + 1)))
                    .start());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fakes.forEach(ConsulFake::close);
            stopped.countDown();
        }));
        stopped.await();
    }
}
