/**
 * Training estimates: step time and its parts under a parallel plan, MFU and HFU, memory per
 * device, and the time, device-hours, cost and energy of a run.
 */
package io.github.roofline4j.training;
