package io.k8j.proxy;

/** The whole desired state of one sync: k8j's chains in the nat and filter tables. */
record Ruleset(TableRules nat, TableRules filter) {
}
