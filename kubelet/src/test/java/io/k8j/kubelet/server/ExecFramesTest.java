package io.k8j.kubelet.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ExecFramesTest {
    @Test
    void aFrameIsTheChannelByteThenTheData() {
        byte[] f = ExecFrames.frame(ExecFrames.STDERR, "xhiy".getBytes(StandardCharsets.UTF_8), 1, 2);
        assertThat(f).containsExactly(2, 'h', 'i');
        assertThat(ExecFrames.channel(f)).isEqualTo(2);
        assertThat(ExecFrames.payload(f)).containsExactly('h', 'i');
        assertThat(ExecFrames.channel(new byte[]{(byte) 0xff, 0})).isEqualTo(ExecFrames.CLOSE);
    }

    @Test
    void theEndIsAStatusOnChannelThreeAsKubectlReadsIt() {
        assertThat(text(ExecFrames.status(ExecStatus.exitCode(0)))).isEqualTo("\u0003{\"metadata\":{},\"status\":\"Success\"}");
        assertThat(text(ExecFrames.status(ExecStatus.exitCode(3)))).startsWith("\u0003{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code")
                .endsWith("\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}");
        assertThat(text(ExecFrames.status(ExecStatus.failure("container not found (\"c\")"))))
                .isEqualTo("\u0003{\"metadata\":{},\"status\":\"Failure\",\"message\":\"container not found (\\\"c\\\")\"}");
    }

    @Test
    void aResizeMessageIsATerminalSize() {
        assertThat(ExecStatus.terminalSize("{\"Width\":80,\"Height\":24}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new io.k8j.kubelet.runtime.TerminalSize(80, 24));
        assertThat(ExecStatus.terminalSize("nope".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void stdinReadsWhatWasOfferedThenEof() throws Exception {
        StdinStream in = new StdinStream();
        in.offer("da".getBytes(StandardCharsets.UTF_8));
        in.offer(new byte[0]);
        in.offer("ta\n".getBytes(StandardCharsets.UTF_8));
        in.end();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data\n");
        assertThat(in.read()).isEqualTo(-1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
