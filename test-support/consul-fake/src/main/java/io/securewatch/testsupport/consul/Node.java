package io.securewatch.testsupport.consul;

/** The one catalog node of the fake datacenter, which is also the agent that services register with. */
record Node(String id, String name, String address, String datacenter, long createIndex, long modifyIndex) {

    Node withIndexes(long createIndex, long modifyIndex) {
        return new Node(id, name, address, datacenter, createIndex, modifyIndex);
    }
}
