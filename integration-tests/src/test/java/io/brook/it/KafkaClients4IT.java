package io.brook.it;

/**
 * The kafka-clients 4.x cells of the client compatibility matrix: this module's own client (the
 * one it compiles against), in the class loader of the tests.
 */
class KafkaClients4IT extends KafkaClientsFeatures {
    @Override
    ClassLoader clients() {
        return KafkaClients4IT.class.getClassLoader();
    }

    @Override
    String versionPrefix() {
        return "4.";
    }
}
