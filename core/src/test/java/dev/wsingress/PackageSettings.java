package dev.wsingress;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.QuietReporter;

/**
 * ApprovalTests settings for every test package under {@code dev.wsingress}: approved files live
 * under {@code src/test/resources/<package path>/}, and a mismatch only fails the test (no diff
 * tool is launched; CI has none).
 */
public class PackageSettings {
  public static String ApprovalBaseDirectory = "../resources";
  public static ApprovalFailureReporter UseReporter = new QuietReporter();
}
