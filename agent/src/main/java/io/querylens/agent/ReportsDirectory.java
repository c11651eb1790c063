package io.querylens.agent;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;

/** Says in words why the reports directory could not be used, from what creating or listing it threw. */
final class ReportsDirectory {
  private ReportsDirectory() {}

  static String whyUnusable(Throwable failure) {
    if (failure instanceof FileAlreadyExistsException || failure instanceof NotDirectoryException) {
      return "it is a file, not a directory (" + ((FileSystemException) failure).getFile() + ")";
    }
    if (failure instanceof AccessDeniedException) {
      return "permission denied (" + ((FileSystemException) failure).getFile() + ")";
    }
    if (failure instanceof FileSystemException) {
      FileSystemException e = (FileSystemException) failure;
      return e.getReason() == null ? e.toString() : e.getReason() + " (" + e.getFile() + ")";
    }
    return failure.toString();
  }
}
