package io.k8j.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("k8j");
    }
}
