package org.ncmcp.resource.conformance;

/** The smallest valid media the conformance scenarios ask for, as base64. */
final class FixtureMedia {

    /** A 1x1 red pixel, PNG (8-bit RGB). */
    static final String RED_PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    /** One millisecond of silence: WAV, PCM 16-bit mono 8 kHz, 8 samples. */
    static final String SILENCE_WAV =
            "UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private FixtureMedia() {
    }
}
