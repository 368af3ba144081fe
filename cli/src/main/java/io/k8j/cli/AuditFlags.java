package io.k8j.cli;

import io.k8j.apiserver.audit.AuditLog;
import io.k8j.apiserver.audit.AuditPolicy;
import io.k8j.apiserver.audit.Auditor;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** kube-apiserver's audit log flags: both are needed for a log, as an audit policy says what to write where. */
final class AuditFlags {
    @Option(names = "--audit-policy-file", description = "audit.k8s.io/v1 Policy: which requests to log, at which level.")
    Path policyFile;

    @Option(names = "--audit-log-path", description = "File the audit events are appended to, one JSON Event a line (\"-\": stdout).")
    String logPath;

    /** The auditor the flags ask for, or null without them; refuses one flag without the other, or a bad policy. */
    Auditor auditor() {
        if (policyFile == null && logPath == null) {
            return null;
        }
        if (policyFile == null || logPath == null) {
            throw new StartupFailure("--audit-policy-file and --audit-log-path go together: give both for an audit log");
        }
        AuditPolicy policy;
        try {
            policy = AuditPolicy.read(policyFile);
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("--audit-policy-file " + e.getMessage());
        }
        try {
            return new Auditor(policy, AuditLog.open(logPath), Clock.systemUTC());
        } catch (IOException e) {
            throw new StartupFailure("--audit-log-path " + logPath + ": cannot open (" + e.getMessage() + ")");
        }
    }
}
