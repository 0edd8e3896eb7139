import { useOutletContext } from 'react-router';
import type { StudioCourse } from '../../api/teaching-api';

/** What the course layout shares with its tabs (editor, learners, staff). */
export interface CourseContext {
  course: StudioCourse;
  /** The course's title in the interface language (the draft's, else the catalogue's, else its id). */
  title: string;
  /** Replaces the loaded course, e.g. with the answer of a save or a fresh read after publishing. */
  setCourse: (course: StudioCourse) => void;
}

export const useCourse = () => useOutletContext<CourseContext>();
